package io.microspring.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.server.ServerSettings;

/**
 * A Spring web app (WebFlux or MVC) registered as a go-micro web service, under {@code micro.web}:
 * setting {@code micro.web.name} is enough. Its TTL and heartbeat are {@code micro.register-ttl}
 * and {@code micro.register-interval}.
 */
@ConfigurationProperties("micro.web")
public class MicroWebProperties {

    /** Service name to register the web server under, for example go.micro.web.foo or go.micro.api.foo. */
    private String name;

    /** Service version. */
    private String version = ServerSettings.DEFAULT_VERSION;

    /** Host:port to register instead of server.address and the bound port. */
    private String advertise = "";

    /** Paths (templates such as /foo/**) that a gateway's default handler proxies to this app. */
    private List<String> paths = new ArrayList<>();

    /** Node metadata, for example icon (a URL micro web shows on the app's tile). */
    private Map<String, String> metadata = new LinkedHashMap<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getAdvertise() {
        return advertise;
    }

    public void setAdvertise(String advertise) {
        this.advertise = advertise;
    }

    public List<String> getPaths() {
        return paths;
    }

    public void setPaths(List<String> paths) {
        this.paths = paths;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }
}
