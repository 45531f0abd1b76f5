package io.microspring.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings, named after micro's {@code api} flags: {@code micro.api.handler} is
 * {@code --handler} and {@code MICRO_API_HANDLER}. Registry, selector, broker and client come from
 * the same {@code micro.*} settings services use.
 */
@ConfigurationProperties("micro.api")
public class GatewayProperties {

    /** Default: micro's API namespace; path {@code /greeter} reaches {@code go.micro.api.greeter}. */
    public static final String DEFAULT_NAMESPACE = "go.micro.api";
    /** Default: every interface, port 8080, as micro api. */
    public static final String DEFAULT_ADDRESS = ":8080";
    /** Default: request bodies up to 10 MB. */
    public static final DataSize DEFAULT_MAX_BODY_SIZE = DataSize.ofMegabytes(10);

    /** Where the gateway listens, host:port; an empty host listens on every interface. */
    private String address = DEFAULT_ADDRESS;

    /** How requests reach services: meta (per endpoint, from endpoint metadata), api, rpc, http (or proxy, web) or event. */
    private HandlerType handler = HandlerType.META;

    /** Namespace that request paths resolve into; services outside it are not reachable by path. */
    private String namespace = DEFAULT_NAMESPACE;

    /** Largest request body; larger requests are answered with 413. */
    private DataSize maxBodySize = DEFAULT_MAX_BODY_SIZE;

    /** The POST /rpc endpoint. */
    private final Rpc rpc = new Rpc();

    /** Cross-origin requests from browsers (CORS); off until origins are allowed. */
    private final Cors cors = new Cors();

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public HandlerType getHandler() {
        return handler;
    }

    public void setHandler(HandlerType handler) {
        this.handler = handler;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Rpc getRpc() {
        return rpc;
    }

    public Cors getCors() {
        return cors;
    }

    /** Settings of POST /rpc, which calls any service named in the request. */
    public static class Rpc {

        /** Whether POST /rpc calls services; when off, /rpc is an ordinary path. */
        private boolean enabled = true;

        /** Service name patterns /rpc may call ({@code *} matches any characters); empty allows every service. */
        private List<String> allowedServices = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getAllowedServices() {
            return allowedServices;
        }

        public void setAllowedServices(List<String> allowedServices) {
            this.allowedServices = allowedServices;
        }
    }

    /**
     * CORS for every path: once an origin is allowed, preflight requests are answered by the
     * gateway and responses to allowed origins carry the Access-Control headers.
     */
    public static class Cors {

        /** Default: the methods micro's CORS allows, and HEAD. */
        public static final List<String> DEFAULT_ALLOWED_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH",
                "DELETE");
        /** Default: browsers may cache a preflight answer for 30 minutes. */
        public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(30);

        /**
         * Origins that may call the gateway from a browser ({@code https://app.example.com}, or
         * {@code *} for any); empty turns CORS off.
         */
        private List<String> allowedOrigins = new ArrayList<>();

        /** Origin patterns that may call the gateway ({@code https://*.example.com}), besides allowed-origins. */
        private List<String> allowedOriginPatterns = new ArrayList<>();

        /** HTTP methods cross-origin requests may use ({@code *} for any). */
        private List<String> allowedMethods = new ArrayList<>(DEFAULT_ALLOWED_METHODS);

        /** Request headers cross-origin requests may send ({@code *} for any). */
        private List<String> allowedHeaders = new ArrayList<>(List.of("*"));

        /** Response headers, besides the simple ones, that browsers let scripts read. */
        private List<String> exposedHeaders = new ArrayList<>();

        /**
         * Whether browsers send cookies and credentials with cross-origin requests; not allowed
         * with origin {@code *}.
         */
        private boolean allowCredentials;

        /** How long browsers may cache the answer to a preflight request. */
        private Duration maxAge = DEFAULT_MAX_AGE;

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public List<String> getAllowedOriginPatterns() {
            return allowedOriginPatterns;
        }

        public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
            this.allowedOriginPatterns = allowedOriginPatterns;
        }

        public List<String> getAllowedMethods() {
            return allowedMethods;
        }

        public void setAllowedMethods(List<String> allowedMethods) {
            this.allowedMethods = allowedMethods;
        }

        public List<String> getAllowedHeaders() {
            return allowedHeaders;
        }

        public void setAllowedHeaders(List<String> allowedHeaders) {
            this.allowedHeaders = allowedHeaders;
        }

        public List<String> getExposedHeaders() {
            return exposedHeaders;
        }

        public void setExposedHeaders(List<String> exposedHeaders) {
            this.exposedHeaders = exposedHeaders;
        }

        public boolean isAllowCredentials() {
            return allowCredentials;
        }

        public void setAllowCredentials(boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    /** The handlers, as micro api's {@code --handler} names them. */
    public enum HandlerType {
        /** Per endpoint, from the endpoint metadata services register; rpc when an endpoint declares none. */
        META,
        /** The HTTP request as an api.Request, the api.Response as the HTTP response. */
        API,
        /** The body (JSON or protobuf) as the request, the response as the body. */
        RPC,
        /** Reverse proxy to HTTP services, websockets included. */
        HTTP,
        /** Same as {@link #HTTP}. */
        PROXY,
        /** Same as {@link #HTTP}. */
        WEB,
        /** Publishes the body as an event. */
        EVENT
    }
}
