package io.microspring.gateway;

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
