package io.microspring.sidecar;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ConfigurableReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import io.microspring.autoconfigure.MicroClientProperties;
import io.microspring.autoconfigure.MicroServerProperties;
import io.microspring.autoconfigure.MicroTransportProperties;
import io.microspring.broker.Broker;
import io.microspring.client.MicroClient;
import io.microspring.codec.Codec;
import io.microspring.gateway.handler.BodyLimit;
import io.microspring.gateway.handler.GatewayHandlerMapping;
import io.microspring.gateway.handler.PassThroughJsonCodec;
import io.microspring.gateway.handler.ProxyHandler;
import io.microspring.gateway.handler.RpcEndpoint;
import io.microspring.gateway.handler.RpcHandler;
import io.microspring.gateway.route.Namespace;
import io.microspring.net.HostPort;
import io.microspring.registry.Registry;
import io.microspring.selector.Selector;

/**
 * The sidecar's beans, over the registry, selector, client and broker of micro's
 * auto-configuration: the app's registration, the endpoints, the web handler serving every path
 * but {@code /actuator}, and {@code micro.sidecar.address} as the server's address.
 */
@Configuration(proxyBeanMethods = false)
class SidecarConfiguration {

    /** Replaces the JSON codec of calls so bodies pass between HTTP and RPC unparsed. */
    @Bean
    Codec passThroughJsonCodec() {
        return new PassThroughJsonCodec();
    }

    @Bean
    AppHealth appHealth(SidecarProperties properties, ReactorResourceFactory resources) {
        return new AppHealth(properties.getHealthcheckUrl(), resources.getLoopResources());
    }

    /** With {@code micro.sidecar.server-name}: the app, registered while it is healthy. */
    @Bean
    @ConditionalOnExpression("!'${micro.sidecar.server-name:}'.isBlank()")
    AppRegistration appRegistration(SidecarProperties properties, MicroServerProperties server,
            Registry registry, Broker broker, AppHealth health) {
        Duration ttl = server.getRegisterTtl();
        Duration interval = server.getRegisterInterval();
        if (interval == null || ttl == null || interval.isNegative() || interval.isZero()
                || interval.compareTo(ttl) >= 0) {
            throw new InvalidConfigurationPropertyValueException("micro.register-interval", interval,
                    "it must be positive and shorter than micro.register-ttl (" + ttl + ")");
        }
        return new AppRegistration(registry, AppService.of(properties, registry.name(), broker.name()), ttl,
                interval, health);
    }

    @Bean(destroyMethod = "close")
    ProxyHandler sidecarProxyHandler(Selector selector, ReactorResourceFactory resources,
            MicroTransportProperties transport, MicroClientProperties client, SidecarProperties properties) {
        return new ProxyHandler(selector, resources.getLoopResources(), transport.getClientPoolSize(),
                transport.getClientPoolTtl(), client.getClientConnectionTimeout(), client.getClientRequestTimeout(),
                client.getClientRetries(), maxBodySize(properties));
    }

    @Bean
    OpenWebSockets openWebSockets() {
        return new OpenWebSockets();
    }

    @Bean
    SidecarWebHandler sidecarWebHandler(SidecarProperties properties, MicroClient client, Registry registry,
            Broker broker, MicroServerProperties server, AppHealth health, ProxyHandler proxy,
            OpenWebSockets sockets) {
        BodyLimit maxBodySize = maxBodySize(properties);
        return new SidecarWebHandler(properties.getHandler(), Namespace.of(properties.getNamespace()), registry,
                new SidecarWebHandler.Endpoints(new RpcEndpoint(client, maxBodySize,
                        properties.getRpcAllowedServices(), "micro.sidecar.rpc-allowed-services"),
                        new RegistryEndpoint(registry, server.getRegisterTtl(), maxBodySize, sockets),
                        new BrokerEndpoint(broker, maxBodySize, sockets), health),
                new RpcHandler(client, maxBodySize, registry), proxy);
    }

    @Bean
    GatewayHandlerMapping sidecarHandlerMapping(SidecarWebHandler handler,
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
        return new GatewayHandlerMapping(handler, actuatorPath);
    }

    /** Listens on {@code micro.sidecar.address} ({@code :8081}: loopback, port 8081). */
    @Bean
    WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory> sidecarAddress(SidecarProperties properties) {
        String address = properties.getAddress();
        HostPort listen;
        InetAddress bound;
        try {
            listen = HostPort.parse(address);
            bound = listen.host().isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(listen.host());
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new InvalidConfigurationPropertyValueException("micro.sidecar.address", address, e.getMessage()
                    + "; :8081 listens on loopback, 0.0.0.0:8081 on every interface");
        }
        return factory -> {
            factory.setPort(listen.port());
            factory.setAddress(bound);
        };
    }

    private static BodyLimit maxBodySize(SidecarProperties properties) {
        return BodyLimit.of(properties.getMaxBodySize(), "micro.sidecar.max-body-size");
    }
}
