package io.microspring.toolkit.command;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.microspring.errors.MicroException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code stream SERVICE ENDPOINT [JSON]}: opens a stream to an endpoint registered with
 * {@code stream=true}, sends the one JSON request and hands on every message the service sends
 * until it ends the stream. Unlike a call it gives its messages as they come.
 */
public record StreamCall(String service, String endpoint, String request, CallSettings settings) {

    public StreamCall {
        request = request == null || request.isBlank() ? "{}" : request;
        settings = settings == null ? CallSettings.NONE : settings;
    }

    /**
     * Streams: each message goes to {@code messages} (as a {@link Call.Response}) as it arrives;
     * returns when the service ends the stream, fails with its error or the client's.
     */
    public void run(Toolkit toolkit, Consumer<Result> messages) {
        if (service == null || service.isBlank() || endpoint == null || endpoint.isBlank()) {
            throw MicroException.badRequest(Command.ID,
                    "stream needs a service and an endpoint: stream SERVICE ENDPOINT [JSON]");
        }
        if (settings.jsonRpc()) {
            JsonNode parsed = Json.parse(request, "the request");
            toolkit.client().stream(service, endpoint, Mono.just(parsed), JsonNode.class, settings.options())
                    .doOnNext(message -> messages.accept(
                            new Call.Response(Json.write(message).getBytes(StandardCharsets.UTF_8))))
                    .blockLast();
        } else {
            Json.check(request, "the request");
            toolkit.client().stream(service, endpoint, Mono.just(request.getBytes(StandardCharsets.UTF_8)),
                    byte[].class, settings.options())
                    .doOnNext(message -> messages.accept(new Call.Response(message)))
                    .blockLast();
        }
    }
}
