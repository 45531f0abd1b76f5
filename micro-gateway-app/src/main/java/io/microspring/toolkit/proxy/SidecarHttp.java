package io.microspring.toolkit.proxy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.microspring.errors.MicroException;
import io.microspring.net.HostPort;
import io.microspring.toolkit.command.Command;

/**
 * HTTP to one {@code micro sidecar}: requests to its paths, answers other than 2xx turned into the
 * go-micro error the sidecar sent, and a sidecar that cannot be reached into a 503 naming it.
 */
final class SidecarHttp {

    /** The sidecar's registry endpoint. */
    static final String REGISTRY = "/registry";
    /** The sidecar's call endpoint. */
    static final String RPC = "/rpc";
    /** The sidecar's broker endpoint. */
    static final String BROKER = "/broker";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String address;
    private final HttpClient client;

    /**
     * The sidecar at {@code address} ({@code host:port}, the host defaulting to 127.0.0.1).
     *
     * @throws IllegalArgumentException when {@code address} is not a {@code host:port}
     */
    SidecarHttp(String address) {
        HostPort parsed;
        try {
            parsed = HostPort.parse(address.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--proxy_address takes the sidecar's host:port, such as "
                    + "127.0.0.1:8081: " + e.getMessage(), e);
        }
        this.address = parsed.isWildcard() ? "127.0.0.1:" + parsed.port() : parsed.toString();
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** {@code host:port} of the sidecar. */
    String address() {
        return address;
    }

    /** The JDK client, for websockets. */
    HttpClient client() {
        return client;
    }

    /** {@code scheme://host:port/path?query} of the sidecar, {@code query} given as name, value pairs. */
    URI uri(String scheme, String path, String... query) {
        StringBuilder uri = new StringBuilder(scheme).append("://").append(address).append(path);
        for (int i = 0; i + 1 < query.length; i += 2) {
            uri.append(i == 0 ? '?' : '&').append(query[i]).append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(uri.toString());
    }

    /** A request builder for {@code path} of the sidecar. */
    HttpRequest.Builder request(String path, String... query) {
        return HttpRequest.newBuilder(uri("http", path, query));
    }

    /** Sends {@code request}; the body of a 2xx answer, else the sidecar's error. */
    CompletableFuture<byte[]> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw unreachable(error instanceof CompletionException ? error.getCause() : error);
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw answered(response);
                    }
                    return response.body();
                });
    }

    /** Sends {@code request} and waits for the answer. */
    byte[] sendBlocking(HttpRequest request) {
        try {
            return send(request).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** The failure to reach the sidecar: a 503 naming it (a 408 when it did not answer in time). */
    MicroException unreachable(Throwable error) {
        if (error instanceof MicroException micro) {
            return micro;
        }
        if (error instanceof HttpTimeoutException) {
            return MicroException.timeout(Command.ID, "micro sidecar at %s did not answer in time", address);
        }
        String reason = error instanceof IOException && error.getMessage() == null
                ? error.getClass().getSimpleName() : String.valueOf(error.getMessage());
        return MicroException.serviceUnavailable(Command.ID, "cannot reach micro sidecar at %s (--proxy_address): %s",
                address, reason);
    }

    private MicroException answered(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8).strip();
        MicroException error = MicroException.parse(body);
        if (error.code() == 0 || body.isEmpty()) {
            return new MicroException(Command.ID, response.statusCode(), "micro sidecar at " + address
                    + " answered " + response.statusCode() + (body.isEmpty() ? "" : ": " + body));
        }
        return error;
    }
}
