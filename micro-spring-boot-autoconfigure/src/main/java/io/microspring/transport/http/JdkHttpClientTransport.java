package io.microspring.transport.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLParameters;

import org.reactivestreams.Publisher;

import io.microspring.internal.Deadlines;
import io.microspring.metadata.Metadata;
import io.microspring.transport.Listener;
import io.microspring.transport.SendOptions;
import io.microspring.transport.Transport;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportHandler;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client side of the HTTP transport on the JDK's HTTP client: the exchange of
 * {@link HttpTransport#send} (a {@code POST /} with the message's headers, answered by a 200 whose
 * headers are the answer's), without Netty, which a program that makes a call or two and exits
 * (the {@code micro} CLI) would spend most of its time starting; it speaks plain HTTP only (its
 * client has no TLS context, see {@link NoTlsContext}). Streams go through an
 * {@link HttpTransport} created on the first one; it does not listen.
 */
public final class JdkHttpClientTransport implements Transport {

    private final Map<Duration, HttpClient> clientsByConnectTimeout = new ConcurrentHashMap<>();
    private HttpTransport streams;

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Listener listen(String address, TransportHandler handler) {
        throw new UnsupportedOperationException("the JDK client transport only sends; serve with HttpTransport");
    }

    @Override
    public Mono<TransportMessage> send(String address, TransportMessage request, SendOptions options) {
        return Mono.defer(() -> {
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://" + address + "/"))
                    .timeout(options.requestTimeout())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().asMap().forEach(post::header);
            return Mono.fromFuture(client(options.connectTimeout())
                    .sendAsync(post.build(), HttpResponse.BodyHandlers.ofByteArray()));
        }).map(response -> {
            if (response.statusCode() != 200) {
                throw new TransportException(address, false, "the node answered HTTP " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8), null);
            }
            return new TransportMessage(metadata(response.headers().map()), response.body());
        }).onErrorMap(error -> !(error instanceof TransportException), error -> classify(address, error));
    }

    /** On the JDK's scheduler: a call over this transport loads no Netty class. */
    @Override
    public <T> Mono<T> deadline(Mono<T> call, Duration timeout) {
        return Deadlines.withinOnJdkScheduler(call, timeout);
    }

    @Override
    public synchronized Flux<TransportMessage> stream(String address, Publisher<TransportMessage> outbound,
            Duration connectTimeout) {
        if (streams == null) {
            streams = new HttpTransport(HttpTransportSettings.defaults());
        }
        return streams.stream(address, outbound, connectTimeout);
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close();
        }
    }

    private HttpClient client(Duration connectTimeout) {
        return clientsByConnectTimeout.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(new NoTlsContext())
                .sslParameters(new SSLParameters())
                .connectTimeout(timeout)
                .build());
    }

    /** The first value of each header, names in any letter case. */
    private static Metadata metadata(Map<String, List<String>> headers) {
        Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!values.isEmpty() && !name.startsWith(":")) {
                first.put(name, values.get(0));
            }
        });
        return Metadata.view(first);
    }

    private static TransportException classify(String address, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean unprocessed = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
        String what = unprocessed ? "cannot connect to node " : "exchange with node ";
        return new TransportException(address, unprocessed, what + address + " failed: " + cause, cause);
    }
}
