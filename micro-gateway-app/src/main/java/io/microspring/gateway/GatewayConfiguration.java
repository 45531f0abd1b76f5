package io.microspring.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.reactive.ConfigurableReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.cors.reactive.CorsWebFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationPredicate;
import io.microspring.auth.Authorizer;
import io.microspring.autoconfigure.MicroClientProperties;
import io.microspring.autoconfigure.MicroTransportProperties;
import io.microspring.client.MicroClient;
import io.microspring.codec.Codec;
import io.microspring.gateway.edge.GatewayCors;
import io.microspring.gateway.edge.RegistryHealthIndicator;
import io.microspring.gateway.edge.RequestLog;
import io.microspring.gateway.handler.ApiHandler;
import io.microspring.gateway.handler.BodyLimit;
import io.microspring.gateway.handler.EdgeAuth;
import io.microspring.gateway.handler.EventHandler;
import io.microspring.gateway.handler.GatewayWebFilter;
import io.microspring.gateway.handler.GatewayWebHandler;
import io.microspring.gateway.handler.NettyRoutes;
import io.microspring.gateway.handler.PassThroughJsonCodec;
import io.microspring.gateway.handler.ProxyHandler;
import io.microspring.gateway.handler.RpcEndpoint;
import io.microspring.gateway.handler.RpcHandler;
import io.microspring.gateway.route.Namespace;
import io.microspring.gateway.route.ServiceIndex;
import io.microspring.net.HostPort;
import io.microspring.observation.ClientCallConvention;
import io.microspring.registry.Registry;
import io.microspring.selector.Selector;

/**
 * The gateway's beans, over the registry, selector, client and broker of micro's auto-configuration:
 * the handlers (events go out through the client's broker, {@code micro.broker}), the web handler
 * that serves every path but {@code /actuator}, the access log and metrics, CORS, the registry
 * health, and {@code micro.api.address} as the server's address.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** Most distinct services, and endpoints, the request timer is tagged with; more are not recorded. */
    private static final int MAX_TAGGED = 500;

    @Bean
    Namespace gatewayNamespace(GatewayProperties properties) {
        return Namespace.of(properties.getNamespace());
    }

    /**
     * Without a tracer (micrometer-tracing on the classpath), the client's observation of each call
     * ({@value ClientCallConvention#NAME}) only repeats what {@value RequestLog#METRIC} records
     * (service, endpoint, status, duration) at the cost of a meter start and stop per call: it is
     * skipped. With a tracer it stays, as it carries the trace to the service.
     */
    @Bean
    @ConditionalOnMissingClass("io.micrometer.tracing.Tracer")
    ObservationPredicate gatewayClientCallsUnobserved() {
        return (name, context) -> !ClientCallConvention.NAME.equals(name);
    }

    /** Replaces the JSON codec of calls so bodies pass between HTTP and RPC unparsed. */
    @Bean
    Codec passThroughJsonCodec() {
        return new PassThroughJsonCodec();
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ServiceIndex serviceIndex(Registry registry, Namespace namespace) {
        return new ServiceIndex(registry, namespace);
    }

    @Bean
    RpcHandler rpcHandler(MicroClient client, GatewayProperties properties, ServiceIndex index) {
        return new RpcHandler(client, maxBodySize(properties), index);
    }

    @Bean
    ApiHandler apiHandler(MicroClient client, GatewayProperties properties) {
        return new ApiHandler(client, maxBodySize(properties));
    }

    @Bean(destroyMethod = "close")
    ProxyHandler proxyHandler(Selector selector, ReactorResourceFactory resources, MicroTransportProperties transport,
            MicroClientProperties client, GatewayProperties properties) {
        return new ProxyHandler(selector, resources.getLoopResources(), transport.getClientPoolSize(),
                transport.getClientPoolTtl(),
                client.getClientConnectionTimeout(), client.getClientRequestTimeout(), client.getClientRetries(),
                maxBodySize(properties));
    }

    /** Tokens checked at the edge once {@code micro.auth} configures verification (an {@link Authorizer}). */
    @Bean
    EdgeAuth edgeAuth(ObjectProvider<Authorizer> authorizer, ServiceIndex index) {
        return authorizer.stream().findFirst().map(checks -> new EdgeAuth(checks, index)).orElseGet(EdgeAuth::open);
    }

    @Bean
    GatewayWebHandler gatewayWebHandler(GatewayProperties properties, Namespace namespace, ServiceIndex index,
            MicroClient client, RpcHandler rpc, ApiHandler api, ProxyHandler proxy, EdgeAuth auth) {
        Optional<RpcEndpoint> rpcEndpoint = properties.getRpc().isEnabled()
                ? Optional.of(new RpcEndpoint(client, maxBodySize(properties), properties.getRpc().getAllowedServices(),
                        "micro.api.rpc.allowed-services", auth))
                : Optional.empty();
        EventHandler events = new EventHandler(client, namespace, maxBodySize(properties));
        return new GatewayWebHandler(properties.getHandler(), namespace, index, rpcEndpoint,
                new GatewayWebHandler.Handlers(rpc, api, proxy, events), auth);
    }

    /** Every request but the actuator's to the gateway, ahead of WebFlux's dispatcher. */
    @Bean
    GatewayWebFilter gatewayWebFilter(GatewayWebHandler handler,
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
        return new GatewayWebFilter(handler, actuatorPath);
    }

    /**
     * The rpc handler's requests, {@code /rpc}, and the api handler's and the proxy's plain requests
     * served on Reactor Netty ahead of WebFlux ({@link NettyRoutes}); the gateway's server only, not a management server of
     * its own.
     */
    @Bean
    @Conditional(NettyRoutesApply.class)
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> gatewayNettyRoutes(GatewayWebHandler handler,
            RequestLog log, @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
        return factory -> factory.addRouteProviders(new NettyRoutes(handler, log, actuatorPath));
    }

    @Bean
    RequestLog requestLog(MeterRegistry meters) {
        return new RequestLog(meters);
    }

    @Bean
    MeterFilter requestTagLimits() {
        return MeterFilter.maximumAllowableTags(RequestLog.METRIC, "service", MAX_TAGGED, MeterFilter.deny());
    }

    @Bean
    MeterFilter requestEndpointTagLimits() {
        return MeterFilter.maximumAllowableTags(RequestLog.METRIC, "endpoint", MAX_TAGGED, MeterFilter.deny());
    }

    /** CORS once {@code micro.api.cors} allows an origin; after the access log, so refusals are logged. */
    @Bean
    @Conditional(GatewayCors.Enabled.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    CorsWebFilter gatewayCorsFilter(GatewayProperties properties) {
        return GatewayCors.filter(properties.getCors());
    }

    @Bean
    RegistryHealthIndicator registryHealthIndicator(Registry registry) {
        return new RegistryHealthIndicator(registry);
    }

    /** Listens on {@code micro.api.address} ({@code :8080}: every interface, port 8080). */
    @Bean
    WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory> gatewayAddress(GatewayProperties properties) {
        String address = properties.getAddress();
        HostPort listen;
        try {
            listen = HostPort.parse(address);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("micro.api.address", address, e.getMessage());
        }
        int port = listen.port();
        String host = listen.host();
        return factory -> {
            factory.setPort(port);
            if (!host.isEmpty()) {
                try {
                    factory.setAddress(InetAddress.getByName(host));
                } catch (UnknownHostException e) {
                    throw new InvalidConfigurationPropertyValueException("micro.api.address", address,
                            "its host " + host + " is unknown");
                }
            }
        };
    }

    /**
     * Matches unless CORS is configured, WebFlux serves under a base path or the user has turned on
     * the observation of {@code http.server.requests} (off in the gateway's {@code application.yml}):
     * the routes ahead of WebFlux apply none of them.
     */
    static final class NettyRoutesApply extends NoneNestedConditions {

        NettyRoutesApply() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(GatewayCors.Enabled.class)
        static final class Cors {
        }

        @ConditionalOnProperty("spring.webflux.base-path")
        static final class BasePath {
        }

        @Conditional(ServerRequestsObserved.class)
        static final class ServerObservations {
        }
    }

    /**
     * Matches when {@code management.observations.enable} turns on {@code http.server.requests} by
     * its own name, in either spelling ({@code enable.http.server.requests} or
     * {@code enable[http.server.requests]}). The gateway turns that very name off, and the longest
     * name matching an observation decides, so no shorter one can turn it on.
     */
    static final class ServerRequestsObserved extends SpringBootCondition {

        private static final String NAME = "http.server.requests";

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean observed = Binder.get(context.getEnvironment())
                    .bind("management.observations.enable", Bindable.mapOf(String.class, Boolean.class))
                    .map(enable -> enable.getOrDefault(NAME, false))
                    .orElse(false);
            return observed ? ConditionOutcome.match(NAME + " is observed") : ConditionOutcome.noMatch(NAME
                    + " is not observed");
        }
    }

    private static BodyLimit maxBodySize(GatewayProperties properties) {
        return BodyLimit.of(properties.getMaxBodySize(), "micro.api.max-body-size");
    }
}
