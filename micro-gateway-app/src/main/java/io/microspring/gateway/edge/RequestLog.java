package io.microspring.gateway.edge;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.microspring.gateway.handler.Destination;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One access log line per request (logger {@value #LOGGER}: method, path, service, endpoint,
 * status, duration; written by a background thread, see {@link AccessLogWriter}) and the timer {@value #METRIC}, tagged with handler, service, endpoint and
 * status. Requests that named no service (400, 404) are tagged {@code none}, so arbitrary paths do
 * not create arbitrary metrics; a request the client abandoned has status 499.
 */
public final class RequestLog implements WebFilter, Ordered, AutoCloseable {

    /** The access log's logger. */
    public static final String LOGGER = "io.microspring.gateway.access";
    /** The request timer. */
    public static final String METRIC = "micro.api.requests";

    private static final String NONE = "none";

    private final MeterRegistry meters;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final AccessLogWriter accessLog = new AccessLogWriter();

    public RequestLog(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode code = exchange.getResponse().getStatusCode();
            record(exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
                    Destination.of(exchange), status(signal, code == null ? 200 : code.value()), start);
        });
    }

    /** The status logged for a request that ended with {@code signal} and was answered with {@code status}. */
    public static int status(SignalType signal, int status) {
        return signal == SignalType.CANCEL ? 499 : status;
    }

    /**
     * Logs and times a request {@code method} to {@code path} (raw, without the query) that went to
     * {@code destination} and was answered with {@code status}, started at {@code startNanos}
     * ({@link System#nanoTime}).
     */
    public void record(String method, String path, Optional<Destination> destination, int status,
            long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        Destination named = destination.filter(d -> status != 400 && status != 404)
                .orElse(new Destination(NONE, NONE, NONE));
        String endpoint = named.endpoint().isEmpty() ? NONE : named.endpoint();
        accessLog.write(method, path, named.service(), endpoint, status, TimeUnit.NANOSECONDS.toMillis(nanos));
        timers.computeIfAbsent(new TimerKey(named.handler(), named.service(), endpoint, status),
                key -> Timer.builder(METRIC)
                        .tag("handler", key.handler())
                        .tag("service", key.service())
                        .tag("endpoint", key.endpoint())
                        .tag("status", Integer.toString(key.status()))
                        .register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Writes the access log lines still queued and stops its thread. */
    @Override
    public void close() {
        accessLog.close();
    }

    /** The tags of one timer; only real services and endpoints get here, so there are few. */
    private record TimerKey(String handler, String service, String endpoint, int status) {
    }
}
