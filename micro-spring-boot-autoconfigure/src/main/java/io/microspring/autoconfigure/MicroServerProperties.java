package io.microspring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

import io.microspring.server.ServerSettings;

/**
 * Server settings, named after go-micro's flags: {@code micro.server-name} is {@code --server_name}
 * and {@code MICRO_SERVER_NAME}.
 */
@ConfigurationProperties("micro")
public class MicroServerProperties {

    /** Service name, used when @MicroService leaves it empty, for example go.micro.srv.greeter. */
    private String serverName;

    /** Service version, used when @MicroService leaves it empty. */
    private String serverVersion = ServerSettings.DEFAULT_VERSION;

    /** Address to listen on, host:port; port 0 takes a free port. */
    private String serverAddress = ServerSettings.DEFAULT_ADDRESS;

    /** Address to register instead of the bound one, host:port. */
    private String serverAdvertise = "";

    /** Node metadata registered with the node. */
    private Map<String, String> serverMetadata = new LinkedHashMap<>();

    /** How long the registry keeps a node that stops sending heartbeats; a bare number is seconds, as in go-micro. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration registerTtl = ServerSettings.DEFAULT_REGISTER_TTL;

    /** How often the node registers again; a bare number is seconds, as in go-micro. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration registerInterval = ServerSettings.DEFAULT_REGISTER_INTERVAL;

    /** Whether startup fails when the first registration fails (otherwise it is retried every interval). */
    private boolean registerFailFast = true;

    /** How long a graceful stop waits for calls in flight. */
    private Duration serverDrainTimeout = ServerSettings.DEFAULT_DRAIN_TIMEOUT;

    /** Most threads running blocking handlers (those returning a plain value) at once. */
    private int serverHandlerThreads = ServerSettings.DEFAULT_HANDLER_THREADS;

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

    public String getServerAdvertise() {
        return serverAdvertise;
    }

    public void setServerAdvertise(String serverAdvertise) {
        this.serverAdvertise = serverAdvertise;
    }

    public Map<String, String> getServerMetadata() {
        return serverMetadata;
    }

    public void setServerMetadata(Map<String, String> serverMetadata) {
        this.serverMetadata = serverMetadata;
    }

    public Duration getRegisterTtl() {
        return registerTtl;
    }

    public void setRegisterTtl(Duration registerTtl) {
        this.registerTtl = registerTtl;
    }

    public Duration getRegisterInterval() {
        return registerInterval;
    }

    public void setRegisterInterval(Duration registerInterval) {
        this.registerInterval = registerInterval;
    }

    public boolean isRegisterFailFast() {
        return registerFailFast;
    }

    public void setRegisterFailFast(boolean registerFailFast) {
        this.registerFailFast = registerFailFast;
    }

    public Duration getServerDrainTimeout() {
        return serverDrainTimeout;
    }

    public void setServerDrainTimeout(Duration serverDrainTimeout) {
        this.serverDrainTimeout = serverDrainTimeout;
    }

    public int getServerHandlerThreads() {
        return serverHandlerThreads;
    }

    public void setServerHandlerThreads(int serverHandlerThreads) {
        this.serverHandlerThreads = serverHandlerThreads;
    }
}
