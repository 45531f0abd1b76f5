package io.microspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.microspring.broker.Broker;
import io.microspring.observation.CallTimerHandler;
import io.microspring.observation.ClientCallConvention;
import io.microspring.observation.ClientStreamConvention;
import io.microspring.observation.DeliveryConvention;
import io.microspring.observation.MicroMeterBinder;
import io.microspring.observation.ObservingAttemptWrapper;
import io.microspring.observation.ObservingBroker;
import io.microspring.observation.ObservingHandlerWrapper;
import io.microspring.observation.PublishConvention;
import io.microspring.observation.ServerCallConvention;
import io.microspring.observation.ServerStreamConvention;
import io.microspring.observation.StreamMetricsHandler;
import io.microspring.registry.cache.CachingRegistry;
import io.microspring.selector.RegistrySelector;

/**
 * Observations of calls, streams and messages in Spring Boot's {@link ObservationRegistry}, when
 * there is one and {@code micro.metrics.enabled} is not false: the server's calls and streams (a
 * handler wrapper, first in line), each attempt of a client call and each stream a client opens
 * (an attempt wrapper), and the broker's publishes and deliveries (the {@link Broker} bean is
 * wrapped in an {@link ObservingBroker}). Spring Boot's meter handler keeps the timers of calls
 * once made ({@link CallTimerHandler}). With a {@link MeterRegistry}, gauges of the registry
 * cache, the selector's cool-down and the open streams, and the messages of each stream. The
 * conventions are beans: replace one to change names or tags.
 */
@AutoConfiguration(after = {MicroSelectorAutoConfiguration.class, MicroRegistryCacheAutoConfiguration.class},
        afterName = {"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnProperty(name = "micro.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MicroMetricsProperties.class)
public class MicroObservationAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(ObservationRegistry.class)
    static class Observations {

        @Bean
        @ConditionalOnMissingBean
        ServerCallConvention microServerCallConvention(MicroMetricsProperties properties) {
            return new ServerCallConvention(limit(properties));
        }

        @Bean
        @ConditionalOnMissingBean
        ClientCallConvention microClientCallConvention(MicroMetricsProperties properties) {
            return new ClientCallConvention(limit(properties));
        }

        @Bean
        @ConditionalOnMissingBean
        ServerStreamConvention microServerStreamConvention(MicroMetricsProperties properties) {
            return new ServerStreamConvention(limit(properties));
        }

        @Bean
        @ConditionalOnMissingBean
        ClientStreamConvention microClientStreamConvention(MicroMetricsProperties properties) {
            return new ClientStreamConvention(limit(properties));
        }

        @Bean
        @ConditionalOnMissingBean
        PublishConvention microPublishConvention(MicroMetricsProperties properties) {
            return new PublishConvention(limit(properties));
        }

        @Bean
        @ConditionalOnMissingBean
        DeliveryConvention microDeliveryConvention(MicroMetricsProperties properties) {
            return new DeliveryConvention(limit(properties));
        }

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ObservingHandlerWrapper microObservingHandlerWrapper(ObservationRegistry registry,
                ServerCallConvention convention, ServerStreamConvention streamConvention) {
            return new ObservingHandlerWrapper(registry, convention, streamConvention);
        }

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ObservingAttemptWrapper microObservingAttemptWrapper(ObservationRegistry registry,
                ClientCallConvention convention, ClientStreamConvention streamConvention) {
            return new ObservingAttemptWrapper(registry, convention, streamConvention);
        }

        @Bean
        static BeanPostProcessor microObservingBroker(ObjectProvider<ObservationRegistry> registry,
                ObjectProvider<PublishConvention> publishConvention,
                ObjectProvider<DeliveryConvention> deliveryConvention) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof Broker broker && !(bean instanceof ObservingBroker)) {
                        return new ObservingBroker(broker, registry.getObject(), publishConvention.getObject(),
                                deliveryConvention.getObject());
                    }
                    return bean;
                }
            };
        }

        private static int limit(MicroMetricsProperties properties) {
            return Properties.atLeast("micro.metrics.max-tag-values", properties.getMaxTagValues(), 1);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class CallTimers {

        /** Spring Boot's meter handler, with the timers of calls kept once made ({@link CallTimerHandler}). */
        @Bean
        static BeanPostProcessor microCallTimers(ObjectProvider<MeterRegistry> registry) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof DefaultMeterObservationHandler handler) {
                        return new CallTimerHandler(handler, registry.getObject());
                    }
                    return bean;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Gauges {

        @Bean
        @ConditionalOnMissingBean
        MicroMeterBinder microMeterBinder(ObjectProvider<CachingRegistry> cache,
                ObjectProvider<RegistrySelector> selector) {
            return new MicroMeterBinder(cache.getIfAvailable(), selector.getIfAvailable());
        }

        @Bean
        @ConditionalOnBean(ObservationRegistry.class)
        @ConditionalOnMissingBean
        StreamMetricsHandler microStreamMetricsHandler(MeterRegistry meters) {
            return new StreamMetricsHandler(meters);
        }
    }
}
