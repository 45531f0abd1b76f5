package io.microspring.transport.http;

import io.microspring.transport.TransportMessage;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import reactor.core.publisher.MonoSink;

/**
 * One unary call on its way: takes an idle connection to the node served by its event loop, or
 * opens one, and is completed by that connection's {@link UnaryConnection}. Cancelled (by its
 * deadline or the caller), it closes the connection it is on, whose answer can no longer be told
 * from the next one's.
 */
final class UnaryCall {

    private final UnaryConnector connector;
    private final NodePool pool;
    private final TransportMessage request;
    private final int connectTimeoutMillis;
    private final MonoSink<TransportMessage> sink;
    private volatile boolean cancelled;
    private volatile Channel channel;

    UnaryCall(UnaryConnector connector, NodePool pool, TransportMessage request, int connectTimeoutMillis,
            MonoSink<TransportMessage> sink) {
        this.connector = connector;
        this.pool = pool;
        this.request = request;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.sink = sink;
    }

    /** Starts the call on {@code loop}, at once when that is the current thread's. */
    void start(EventLoop loop) {
        sink.onCancel(this::cancel);
        if (loop.inEventLoop()) {
            acquire(loop);
        } else {
            loop.execute(() -> acquire(loop));
        }
    }

    TransportMessage request() {
        return request;
    }

    /** The connection the call is on now. */
    void attach(Channel current) {
        this.channel = current;
        if (cancelled) {
            current.close();
        }
    }

    /** The call has its answer: a cancellation from now on must not close the connection, soon another call's. */
    void detach() {
        this.channel = null;
    }

    void succeed(TransportMessage answer) {
        if (!cancelled) {
            sink.success(answer);
        }
    }

    void fail(Throwable error) {
        if (!cancelled) {
            sink.error(error);
        }
    }

    /** Sends the request again on a connection of its own: the one it was on is gone and the node read nothing. */
    void retryOnNewConnection(EventLoop loop) {
        if (!cancelled) {
            connect(loop);
        }
    }

    private void acquire(EventLoop loop) {
        if (cancelled) {
            return;
        }
        UnaryConnection idle = pool.take(loop);
        if (idle != null) {
            idle.exchange(this, true);
        } else {
            connect(loop);
        }
    }

    private void connect(EventLoop loop) {
        connector.connect(pool, loop, connectTimeoutMillis).addListener(this::connected);
    }

    private void connected(Future<? super Channel> connecting) {
        if (!connecting.isSuccess()) {
            fail(ClientFailures.connect(pool.address(), connecting.cause()));
            return;
        }
        UnaryConnection connection = ((Channel) connecting.getNow()).pipeline().get(UnaryConnection.class);
        if (cancelled) {
            pool.park(connection);
        } else {
            connection.exchange(this, false);
        }
    }

    private void cancel() {
        cancelled = true;
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }
}
