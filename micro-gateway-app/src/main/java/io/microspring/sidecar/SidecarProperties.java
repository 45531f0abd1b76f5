package io.microspring.sidecar;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.microspring.gateway.GatewayProperties;

/**
 * The sidecar's own settings, named after micro sidecar's flags: {@code micro.sidecar.server-name}
 * is {@code --server_name} and {@code MICRO_SIDECAR_SERVER_NAME}. Registry, selector, broker and
 * client come from the same {@code micro.*} settings services use; the app is registered again
 * every {@code micro.register-interval} with {@code micro.register-ttl}, and its health is checked
 * at the same interval.
 */
@ConfigurationProperties("micro.sidecar")
public class SidecarProperties {

    /** Default: port 8081, as micro sidecar, on the loopback interface. */
    public static final String DEFAULT_ADDRESS = ":8081";
    /** Default: the namespace of go-micro services; path {@code /greeter/say/hello} calls {@code go.micro.srv.greeter}. */
    public static final String DEFAULT_NAMESPACE = "go.micro.srv";

    /** Where the sidecar listens, host:port; an empty host is the loopback interface (the app runs beside it). */
    private String address = DEFAULT_ADDRESS;

    /** How /{service}/{method} paths reach services: rpc (the body is the request) or proxy (reverse proxy). */
    private HandlerType handler = HandlerType.RPC;

    /** Namespace that request paths resolve into. */
    private String namespace = DEFAULT_NAMESPACE;

    /** Largest request body; larger requests are answered with 413. */
    private DataSize maxBodySize = GatewayProperties.DEFAULT_MAX_BODY_SIZE;

    /** Service name patterns POST /rpc may call ({@code *} matches any characters); empty allows every service. */
    private List<String> rpcAllowedServices = new ArrayList<>();

    /** Service name the app beside the sidecar is registered as; empty registers nothing. */
    private String serverName = "";

    /** Version the app is registered with. */
    private String serverVersion = "latest";

    /** The app's own host:port, where other services call it (go-micro's POST / with the Micro headers). */
    private String serverAddress = "";

    /** URL checked every register interval; while it does not answer 2xx the app is deregistered. */
    private String healthcheckUrl = "";

    /** The app's endpoints ({@code Say.Hello}), or one path of a JSON file holding go-micro endpoints ({@code @endpoints.json}). */
    private List<String> endpoints = new ArrayList<>();

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

    public List<String> getRpcAllowedServices() {
        return rpcAllowedServices;
    }

    public void setRpcAllowedServices(List<String> rpcAllowedServices) {
        this.rpcAllowedServices = rpcAllowedServices;
    }

    public String getServerName() {
        return serverName;
    }

    public void setServerName(String serverName) {
        this.serverName = serverName;
    }

    public String getServerVersion() {
        return serverVersion;
    }

    public void setServerVersion(String serverVersion) {
        this.serverVersion = serverVersion;
    }

    public String getServerAddress() {
        return serverAddress;
    }

    public void setServerAddress(String serverAddress) {
        this.serverAddress = serverAddress;
    }

    public String getHealthcheckUrl() {
        return healthcheckUrl;
    }

    public void setHealthcheckUrl(String healthcheckUrl) {
        this.healthcheckUrl = healthcheckUrl;
    }

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    /** How /{service}/{method} paths are served, as micro sidecar's {@code --handler}. */
    public enum HandlerType {
        /** The body is the request of the endpoint the path names, the response the body. */
        RPC,
        /** Reverse proxy to the service the first path segment names. */
        PROXY
    }
}
