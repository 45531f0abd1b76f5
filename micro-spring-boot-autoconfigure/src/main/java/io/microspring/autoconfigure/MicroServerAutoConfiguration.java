package io.microspring.autoconfigure;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.auth.AuthGuard;
import io.microspring.broker.Broker;
import io.microspring.broker.Subscriber;
import io.microspring.broker.http.HttpBroker;
import io.microspring.codec.Codecs;
import io.microspring.registry.Registry;
import io.microspring.server.Handler;
import io.microspring.server.HandlerWrapper;
import io.microspring.server.RpcServer;
import io.microspring.server.Server;
import io.microspring.server.ServerSettings;
import io.microspring.transport.Transport;

/**
 * The server of the application's {@link MicroService @MicroService} beans: one service per
 * application, named by the annotations or {@code micro.server-name}, serving their
 * {@code @MicroHandler} methods and subscribing their {@code @MicroSubscriber} methods through the
 * broker, started once the context is refreshed and stopped gracefully when it closes.
 */
@AutoConfiguration(after = {MicroRegistryCacheAutoConfiguration.class, MicroTransportAutoConfiguration.class,
        MicroCodecAutoConfiguration.class, MicroBrokerAutoConfiguration.class, MicroClientAutoConfiguration.class})
@ConditionalOnBean(annotation = MicroService.class)
@EnableConfigurationProperties(MicroServerProperties.class)
public class MicroServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(Server.class)
    RpcServer microServer(ApplicationContext context, MicroServerProperties properties, Transport transport,
            Registry registry, Codecs codecs, ObjectProvider<Broker> brokers, ObjectProvider<HandlerWrapper> wrappers,
            ObjectProvider<ServerSettingsCustomizer> customizers) {
        Map<String, Object> beans = context.getBeansWithAnnotation(MicroService.class);
        ServerSettings.Builder builder = settings(properties, beans.values());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        ServerSettings settings = builder.build();
        List<HandlerWrapper> handlerWrappers = wrappers.orderedStream().toList();
        requireGuardWhenAuthConfigured(context, handlerWrappers);
        Broker broker = brokers.getIfAvailable();
        RpcServer server = broker != null ? new RpcServer(settings, transport, registry, codecs, handlerWrappers, broker)
                : new RpcServer(settings, transport, registry, codecs, handlerWrappers, HttpBroker.NAME);
        beans.forEach((name, bean) -> {
            Class<?> type = AopUtils.getTargetClass(bean);
            List<Subscriber> subscribers = Subscriber.of(handlerName(type), bean, type, codecs);
            subscribers.forEach(server::subscribe);
            boolean handles = Arrays.stream(type.getMethods()).anyMatch(method -> method.isAnnotationPresent(MicroHandler.class));
            if (handles || subscribers.isEmpty()) { // a bean with neither fails in Handler.of, naming itself
                server.handle(Handler.of(handlerName(type), bean, type));
            }
        });
        return server;
    }

    @Bean
    @ConditionalOnMissingBean
    MicroServerLifecycle microServerLifecycle(Server server) {
        return new MicroServerLifecycle(server);
    }

    /**
     * Refuses to serve unguarded when {@code micro.auth} asks for verification but no {@link AuthGuard}
     * was made: the case of an application processed by Spring AOT without {@code micro.auth}, whose
     * beans were fixed at build time, started with {@code micro.auth} set.
     */
    private static void requireGuardWhenAuthConfigured(ApplicationContext context, List<HandlerWrapper> wrappers) {
        boolean verifies = Binder.get(context.getEnvironment()).bind("micro.auth", MicroAuthProperties.class)
                .map(MicroAuthProperties::verifies).orElse(false);
        if (verifies && wrappers.stream().noneMatch(AuthGuard.class::isInstance)) {
            throw new InvalidConfigurationPropertyValueException("micro.auth", "(set)", "calls would not be "
                    + "verified: this application's beans were fixed at build time by Spring AOT, without micro.auth. "
                    + "Build it with the micro.auth settings it runs with, or start it without -Dspring.aot.enabled=true");
        }
    }

    private static String handlerName(Class<?> type) {
        MicroService annotation = type.getAnnotation(MicroService.class);
        return annotation == null || annotation.handler().isEmpty() ? type.getSimpleName() : annotation.handler();
    }

    private static ServerSettings.Builder settings(MicroServerProperties properties, Collection<Object> beans) {
        Set<String> names = new TreeSet<>();
        Set<String> versions = new TreeSet<>();
        Map<String, String> metadata = new LinkedHashMap<>(properties.getServerMetadata());
        for (Object bean : beans) {
            MicroService annotation = AopUtils.getTargetClass(bean).getAnnotation(MicroService.class);
            if (annotation == null) {
                continue;
            }
            if (!annotation.name().isEmpty()) {
                names.add(annotation.name());
            }
            if (!annotation.version().isEmpty()) {
                versions.add(annotation.version());
            }
            metadata.putAll(Handler.parseMetadata(annotation.metadata(), "@MicroService on " + bean.getClass()));
        }
        String name = single(names, "name", properties.getServerName(), "micro.server-name");
        String version = single(versions, "version", properties.getServerVersion(), "micro.server-version");
        String address = properties.getServerAddress();
        return ServerSettings.builder(name)
                .version(version)
                .address(address == null || address.isBlank() ? ServerSettings.DEFAULT_ADDRESS : address)
                .advertise(properties.getServerAdvertise())
                .metadata(metadata)
                .registerTtl(Properties.positive("micro.register-ttl", properties.getRegisterTtl()))
                .registerInterval(Properties.registerInterval(properties))
                .drainTimeout(Properties.positive("micro.server-drain-timeout", properties.getServerDrainTimeout()))
                .registerFailFast(properties.isRegisterFailFast())
                .handlerThreads(Properties.atLeast("micro.server-handler-threads",
                        properties.getServerHandlerThreads(), 1));
    }

    private static String single(Set<String> fromAnnotations, String attribute, String fromProperty, String property) {
        if (fromAnnotations.size() > 1) {
            throw new IllegalStateException("@MicroService beans name different service " + attribute + "s "
                    + fromAnnotations + "; an application serves one service: use one " + attribute
                    + " or leave it empty and set " + property);
        }
        if (fromAnnotations.size() == 1) {
            return fromAnnotations.iterator().next();
        }
        if (fromProperty == null || fromProperty.isBlank()) {
            throw new IllegalStateException("No service " + attribute + ": set @MicroService(" + attribute
                    + " = \"...\") or " + property);
        }
        return fromProperty;
    }
}
