package io.microspring.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ConfigurableReactiveWebServerFactory;

import io.microspring.net.HostPort;

/**
 * Where a toolkit server (api, web, sidecar) listens, from its go-micro style address setting
 * ({@code :8080}, {@code 127.0.0.1:8080}); a bad address stops startup naming the property.
 */
public final class ListenAddress {

    private ListenAddress() {
    }

    /**
     * Listens on {@code address} of {@code property}; an empty host means every interface, or
     * loopback when {@code emptyHostIsLoopback}. {@code example} ends the error message.
     */
    public static WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory> of(String property, String address,
            boolean emptyHostIsLoopback, String example) {
        HostPort listen;
        InetAddress bound;
        try {
            listen = HostPort.parse(address);
            bound = !listen.host().isEmpty() ? InetAddress.getByName(listen.host())
                    : emptyHostIsLoopback ? InetAddress.getLoopbackAddress() : null;
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new InvalidConfigurationPropertyValueException(property, address, e.getMessage() + "; " + example);
        }
        return factory -> {
            factory.setPort(listen.port());
            if (bound != null) {
                factory.setAddress(bound);
            }
        };
    }
}
