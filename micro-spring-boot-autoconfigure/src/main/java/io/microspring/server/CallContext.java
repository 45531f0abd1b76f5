package io.microspring.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.microspring.metadata.Metadata;

/**
 * What a handler knows of the call it serves: the service and endpoint called, the content type,
 * the caller's metadata, and the deadline from the caller's {@code Timeout}. Declare a parameter of
 * this type on a handler method to receive it; blocking handlers can also reach it with
 * {@link #current()}.
 */
public final class CallContext {

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    private final String service;
    private final String endpoint;
    private final String contentType;
    private final Metadata metadata;
    private final Instant deadline;
    private final Map<String, String> endpointMetadata;

    /** A call to {@code service}'s {@code endpoint}; {@code deadline} is {@code null} when the caller set none. */
    public CallContext(String service, String endpoint, String contentType, Metadata metadata, Instant deadline) {
        this(service, endpoint, contentType, metadata, deadline, Map.of());
    }

    /** A call as above to an endpoint registered with {@code endpointMetadata}. */
    public CallContext(String service, String endpoint, String contentType, Metadata metadata, Instant deadline,
            Map<String, String> endpointMetadata) {
        this.service = service;
        this.endpoint = endpoint;
        this.contentType = contentType;
        this.metadata = metadata;
        this.deadline = deadline;
        this.endpointMetadata = Map.copyOf(endpointMetadata);
    }

    /** The call being served by the current thread, when it runs a blocking handler. */
    public static Optional<CallContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code action} with this context as {@link #current()}. */
    <T> T runAsCurrent(Callable<T> action) throws Exception {
        CallContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public String service() {
        return service;
    }

    public String endpoint() {
        return endpoint;
    }

    public String contentType() {
        return contentType;
    }

    /** The caller's metadata; calls made within the handler carry it on. */
    public Metadata metadata() {
        return metadata;
    }

    /** The metadata the endpoint is registered with (its {@code @MicroHandler} metadata, {@code auth}, ...). */
    public Map<String, String> endpointMetadata() {
        return endpointMetadata;
    }

    /** When the caller stops waiting, if it said. */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Time left before the deadline (negative once past), or empty without a deadline. */
    public Optional<Duration> remaining() {
        return deadline().map(at -> Duration.between(Instant.now(), at));
    }

    @Override
    public String toString() {
        return service + " " + endpoint + (deadline == null ? "" : " deadline " + deadline);
    }
}
