package io.microspring.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ConfigurableReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import io.microspring.autoconfigure.MicroClientProperties;
import io.microspring.autoconfigure.MicroTransportProperties;
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
 * micro web's beans, over the registry, selector and client of micro's auto-configuration: the
 * gateway's proxy and {@code /rpc}, the dashboard (unless {@code micro.web.dashboard.enabled=false}),
 * the web handler serving every path but {@code /actuator}, and {@code micro.web.address} as the
 * server's address.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Replaces the JSON codec of calls so bodies pass between HTTP and RPC unparsed. */
    @Bean
    Codec passThroughJsonCodec() {
        return new PassThroughJsonCodec();
    }

    @Bean(destroyMethod = "close")
    ProxyHandler webProxyHandler(Selector selector, ReactorResourceFactory resources,
            MicroTransportProperties transport, MicroClientProperties client, WebDashboardProperties properties) {
        return new ProxyHandler(selector, resources.getLoopResources(), transport.getClientPoolSize(),
                transport.getClientPoolTtl(), client.getClientConnectionTimeout(), client.getClientRequestTimeout(),
                client.getClientRetries(), maxBodySize(properties));
    }

    @Bean
    MicroWebHandler microWebHandler(WebDashboardProperties properties, Registry registry, MicroClient client,
            ProxyHandler proxy) {
        Namespace namespace = Namespace.of(properties.getNamespace());
        WebProxy webProxy = new WebProxy(namespace, registry, proxy);
        if (!properties.getDashboard().isEnabled()) {
            return new MicroWebHandler(Optional.empty(), webProxy);
        }
        RpcEndpoint rpc = new RpcEndpoint(client, maxBodySize(properties), properties.getRpc().getAllowedServices(),
                "micro.web.rpc.allowed-services");
        CallStream stream = new CallStream(new RpcHandler(client, maxBodySize(properties), registry), rpc);
        DashboardToolkit toolkit = new DashboardToolkit(registry, client);
        return new MicroWebHandler(Optional.of(new MicroWebHandler.Dashboard(new DashboardPages(registry, namespace),
                new RegistryFeed(registry), new DashboardAssets(), rpc, stream,
                new TerminalPage(toolkit, rpc, maxBodySize(properties)), new StatsPage(toolkit, rpc))), webProxy);
    }

    @Bean
    GatewayHandlerMapping webHandlerMapping(MicroWebHandler handler,
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
        return new GatewayHandlerMapping(handler, actuatorPath);
    }

    /** Listens on {@code micro.web.address} ({@code :8082}: every interface, port 8082). */
    @Bean
    WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory> webAddress(WebDashboardProperties properties) {
        String address = properties.getAddress();
        HostPort listen;
        InetAddress bound;
        try {
            listen = HostPort.parse(address);
            bound = listen.host().isEmpty() ? null : InetAddress.getByName(listen.host());
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new InvalidConfigurationPropertyValueException("micro.web.address", address, e.getMessage()
                    + "; :8082 listens on every interface, 127.0.0.1:8082 on loopback only");
        }
        return factory -> {
            factory.setPort(listen.port());
            if (bound != null) {
                factory.setAddress(bound);
            }
        };
    }

    private static BodyLimit maxBodySize(WebDashboardProperties properties) {
        return BodyLimit.of(properties.getMaxBodySize(), "micro.web.max-body-size");
    }
}
