package io.microspring.transport;

import java.time.Duration;

/** A bound server socket, closed in two steps so that in-flight calls can finish. */
public interface Listener {

    /** The bound {@code host:port}, with the real port when port 0 was asked for. */
    String address();

    /** Stops accepting new connections; established ones stay open. */
    void stopAccepting();

    /** Closes every connection, waiting at most {@code timeout} for responses being written. */
    void close(Duration timeout);
}
