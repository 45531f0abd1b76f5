package io.microspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Client-wide call defaults, named after go-micro's flags: {@code micro.client-retries} is
 * {@code --client_retries} and {@code MICRO_CLIENT_RETRIES}. Each can be overridden per call with
 * {@code CallOptions}.
 */
@ConfigurationProperties("micro")
public class MicroClientProperties {

    /** Default: retry a call that provably did not reach a node up to three times. */
    public static final int DEFAULT_RETRIES = 3;
    /** Default: a call, retries included, may take 30 seconds, as in go-micro. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Default: 5 seconds to connect, as in go-micro. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** Default: the first retry waits 50 to 100 milliseconds, each later one twice as long. */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(100);
    /** Default: no retry waits more than 2 seconds. */
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(2);

    /** How many times a failed call is tried again. */
    private int clientRetries = DEFAULT_RETRIES;

    /** How long a call, retries included, may take. */
    private Duration clientRequestTimeout = DEFAULT_REQUEST_TIMEOUT;

    /** How long to wait for a connection to a node. */
    private Duration clientConnectionTimeout = DEFAULT_CONNECTION_TIMEOUT;

    /** Which failures are retried. */
    private RetryPolicyType clientRetryPolicy = RetryPolicyType.UNPROCESSED;

    /** Base of the exponential backoff between retries. */
    private Duration clientBackoffBase = DEFAULT_BACKOFF_BASE;

    /** Longest pause between retries. */
    private Duration clientBackoffMax = DEFAULT_BACKOFF_MAX;

    /** Content type requests are encoded with. */
    private String clientContentType = "application/json";

    public int getClientRetries() {
        return clientRetries;
    }

    public void setClientRetries(int clientRetries) {
        this.clientRetries = clientRetries;
    }

    public Duration getClientRequestTimeout() {
        return clientRequestTimeout;
    }

    public void setClientRequestTimeout(Duration clientRequestTimeout) {
        this.clientRequestTimeout = clientRequestTimeout;
    }

    public Duration getClientConnectionTimeout() {
        return clientConnectionTimeout;
    }

    public void setClientConnectionTimeout(Duration clientConnectionTimeout) {
        this.clientConnectionTimeout = clientConnectionTimeout;
    }

    public RetryPolicyType getClientRetryPolicy() {
        return clientRetryPolicy;
    }

    public void setClientRetryPolicy(RetryPolicyType clientRetryPolicy) {
        this.clientRetryPolicy = clientRetryPolicy;
    }

    public Duration getClientBackoffBase() {
        return clientBackoffBase;
    }

    public void setClientBackoffBase(Duration clientBackoffBase) {
        this.clientBackoffBase = clientBackoffBase;
    }

    public Duration getClientBackoffMax() {
        return clientBackoffMax;
    }

    public void setClientBackoffMax(Duration clientBackoffMax) {
        this.clientBackoffMax = clientBackoffMax;
    }

    public String getClientContentType() {
        return clientContentType;
    }

    public void setClientContentType(String clientContentType) {
        this.clientContentType = clientContentType;
    }

    /** The retry policies. */
    public enum RetryPolicyType {
        /** Only failures that provably did not reach a node, and go-micro's 408. */
        UNPROCESSED,
        /** Every failure: only for idempotent endpoints. */
        ALWAYS
    }
}
