package io.microspring.autoconfigure.app;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.metadata.Metadata;
import reactor.core.publisher.Mono;

/** Endpoints that echo, and that call {@code Relay.Echo} again through the typed client. */
@MicroService(name = "go.micro.srv.relay")
public class Relay {

    /** A message. */
    public record Text(String value) {
    }

    private final RelayClient client;

    public Relay(RelayClient client) {
        this.client = client;
    }

    /** The text, followed by the Trace metadata the call carried. */
    @MicroHandler
    public Text echo(Text text, Metadata metadata) {
        return new Text(text.value() + " trace=" + metadata.get("Trace").orElse("none"));
    }

    /** Calls Echo downstream from an event-loop handler: the caller's metadata goes along. */
    @MicroHandler
    public Mono<Text> forward(Text text) {
        return client.echo(text);
    }

    /** Calls Echo downstream from a blocking handler: the caller's metadata goes along too. */
    @MicroHandler
    public Text forwardBlocking(Text text) {
        return client.echoBlocking(text);
    }
}
