package io.microspring.sidecar;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The app's health check, {@code GET micro.sidecar.healthcheck-url}: healthy when it answers 2xx
 * in time. Each check opens a connection of its own, so a check never reuses a connection to an
 * app that has since died.
 */
final class AppHealth {

    private final String url;
    private final HttpClient http;

    /** Checks {@code url} (empty: no check) on {@code loops}. */
    AppHealth(String url, LoopResources loops) {
        this.url = url == null ? "" : url.strip();
        if (!this.url.isEmpty() && !isHttpUrl(this.url)) {
            throw new InvalidConfigurationPropertyValueException("micro.sidecar.healthcheck-url", this.url,
                    "it must be an http:// URL, such as http://127.0.0.1:9000/health");
        }
        this.http = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return "http".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Whether a health check URL is set. */
    boolean isConfigured() {
        return !url.isEmpty();
    }

    /** One check, failing when the app cannot be reached or does not answer within {@code timeout}. */
    Mono<Answer> check(Duration timeout) {
        return http
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .responseTimeout(timeout)
                .get()
                .uri(url)
                .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Answer(response.status().code(),
                                response.responseHeaders().get("Content-Type"), bytes)))
                .timeout(timeout);
    }

    /** One check, waiting for it: not for event-loop threads. */
    boolean isHealthy(Duration timeout) {
        Boolean healthy = check(timeout).map(Answer::isHealthy).onErrorReturn(false).block();
        return healthy != null && healthy;
    }

    /**
     * The app's answer to a check.
     *
     * @param status its HTTP status
     * @param contentType its content type, {@code null} when it sent none
     * @param body its body
     */
    record Answer(int status, String contentType, byte[] body) {

        boolean isHealthy() {
            return status >= 200 && status < 300;
        }
    }
}
