package io.microspring.transport;

import java.time.Duration;

/** How long to wait for a connection and for the whole exchange. */
public record SendOptions(Duration connectTimeout, Duration requestTimeout) {
}
