package io.microspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.microspring.internal.Durations;
import io.microspring.metadata.Metadata;
import io.microspring.selector.NodeFilter;
import io.microspring.transport.MicroHeaders;

/**
 * Options of one call; anything left unset takes the client-wide default. Build with
 * {@link #builder()}: {@code CallOptions.builder().requestTimeout(Duration.ofSeconds(2)).retries(0).build()}.
 */
public final class CallOptions {

    private static final CallOptions NONE = builder().build();

    private final Duration requestTimeout;
    private final Duration connectionTimeout;
    private final Integer retries;
    private final Backoff backoff;
    private final RetryPolicy retryPolicy;
    private final String address;
    private final List<NodeFilter> filters;
    private final String contentType;
    private final Metadata metadata;

    private CallOptions(Builder builder) {
        this.requestTimeout = builder.requestTimeout;
        this.connectionTimeout = builder.connectionTimeout;
        this.retries = builder.retries;
        this.backoff = builder.backoff;
        this.retryPolicy = builder.retryPolicy;
        this.address = builder.address;
        this.filters = List.copyOf(builder.filters);
        this.contentType = builder.contentType;
        this.metadata = builder.metadata;
    }

    /** No overrides: the client's defaults. */
    public static CallOptions none() {
        return NONE;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** These options with every unset one taken from {@code defaults}; filters and metadata are combined. */
    public CallOptions over(CallOptions defaults) {
        Builder merged = new Builder();
        merged.requestTimeout = requestTimeout != null ? requestTimeout : defaults.requestTimeout;
        merged.connectionTimeout = connectionTimeout != null ? connectionTimeout : defaults.connectionTimeout;
        merged.retries = retries != null ? retries : defaults.retries;
        merged.backoff = backoff != null ? backoff : defaults.backoff;
        merged.retryPolicy = retryPolicy != null ? retryPolicy : defaults.retryPolicy;
        merged.address = address != null ? address : defaults.address;
        merged.filters.addAll(defaults.filters);
        merged.filters.addAll(filters);
        merged.contentType = contentType != null ? contentType : defaults.contentType;
        merged.metadata = defaults.metadata == null ? metadata
                : metadata == null ? defaults.metadata : defaults.metadata.merge(metadata);
        return merged.build();
    }

    /** How long the whole call, retries included, may take. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long to wait for a connection to a node. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** How many times a failed call is tried again. */
    public Integer retries() {
        return retries;
    }

    public Backoff backoff() {
        return backoff;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** A fixed {@code host:port} to call, bypassing the selector; {@code null} when unset. */
    public String address() {
        return address;
    }

    /** Selector filters applied to the nodes of the service. */
    public List<NodeFilter> filters() {
        return filters;
    }

    /** The content type the request is encoded with. */
    public String contentType() {
        return contentType;
    }

    /** Extra metadata sent with the call. */
    public Metadata metadata() {
        return metadata == null ? Metadata.empty() : metadata;
    }

    /** Builds {@link CallOptions}. */
    public static final class Builder {

        private Duration requestTimeout;
        private Duration connectionTimeout;
        private Integer retries;
        private Backoff backoff;
        private RetryPolicy retryPolicy;
        private String address;
        private final List<NodeFilter> filters = new ArrayList<>();
        private String contentType;
        private Metadata metadata;

        private Builder() {
        }

        /**
         * The time allowed for the whole call, retries included; at most
         * {@link MicroHeaders#MAX_TIMEOUT}, the longest the {@code Timeout} header carries.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            Durations.requirePositive(requestTimeout, "requestTimeout");
            if (requestTimeout.compareTo(MicroHeaders.MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("requestTimeout must be at most " + MicroHeaders.MAX_TIMEOUT
                        + " (the Timeout header carries nanoseconds), got " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** The time allowed to open a connection to a node. */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = Durations.requirePositive(connectionTimeout, "connectionTimeout");
            return this;
        }

        /** How many times a failed call is tried again (0 for none). */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative, got " + retries);
            }
            this.retries = retries;
            return this;
        }

        /** The pause before each retry. */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** Which failures are retried. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** Calls the node at {@code address} ({@code host:port}) instead of asking the selector. */
        public Builder address(String address) {
            if (address == null || !address.contains(":")) {
                throw new IllegalArgumentException("address must be host:port, got '" + address + "'");
            }
            this.address = address;
            return this;
        }

        /** Adds a selector filter. */
        public Builder filter(NodeFilter filter) {
            this.filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /** Encodes the request as {@code contentType}, for example {@code application/protobuf}. */
        public Builder contentType(String contentType) {
            if (contentType == null || contentType.isBlank()) {
                throw new IllegalArgumentException("contentType must not be empty");
            }
            this.contentType = contentType;
            return this;
        }

        /** Sends {@code metadata} with the call, on top of the context's metadata. */
        public Builder metadata(Metadata metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        public CallOptions build() {
            return new CallOptions(this);
        }
    }
}
