package io.microspring.toolkit.command;

import java.nio.charset.StandardCharsets;

import io.microspring.errors.MicroException;
import tools.jackson.databind.JsonNode;

/**
 * {@code call SERVICE ENDPOINT [JSON]}: calls an endpoint with a JSON request ({@code {}} when
 * none is given) and returns the response as the service sent it.
 */
public record Call(String service, String endpoint, String request, CallSettings settings) implements Command {

    public Call {
        request = request == null || request.isBlank() ? "{}" : request;
        settings = settings == null ? CallSettings.NONE : settings;
    }

    @Override
    public Result run(Toolkit toolkit) {
        if (service == null || service.isBlank() || endpoint == null || endpoint.isBlank()) {
            throw MicroException.badRequest(ID, "call needs a service and an endpoint: call SERVICE ENDPOINT [JSON]");
        }
        byte[] response;
        if (settings.jsonRpc()) {
            JsonNode parsed = Json.parse(request, "the request");
            JsonNode answer = toolkit.client().call(service, endpoint, parsed, JsonNode.class, settings.options())
                    .block();
            response = Json.write(answer).getBytes(StandardCharsets.UTF_8);
        } else {
            Json.check(request, "the request");
            response = toolkit.client().call(service, endpoint, request.getBytes(StandardCharsets.UTF_8), byte[].class,
                    settings.options()).block();
        }
        return new Response(response == null ? new byte[0] : response);
    }

    /** The response: as sent (raw), on one line (json) or indented (text). */
    public record Response(byte[] body) implements Result {

        @Override
        public String text() {
            return Json.pretty(body) + "\n";
        }

        @Override
        public String json() {
            String json = new String(body, StandardCharsets.UTF_8).strip();
            return (json.isEmpty() ? "{}" : json) + "\n";
        }

        @Override
        public byte[] render(Output output) {
            return output == Output.RAW ? body.clone() : Result.super.render(output);
        }
    }
}
