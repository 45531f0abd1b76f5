package io.microspring.autoconfigure.app;

import io.microspring.annotation.MicroClient;
import reactor.core.publisher.Mono;

/** The typed client of {@link Relay}. */
@MicroClient(value = "go.micro.srv.relay", handler = "Relay")
public interface RelayClient {

    Mono<Relay.Text> echo(Relay.Text text);

    Relay.Text forward(Relay.Text text);

    Relay.Text forwardBlocking(Relay.Text text);

    /** Calls Relay.Echo, blocking. */
    default Relay.Text echoBlocking(Relay.Text text) {
        return echo(text).block();
    }
}
