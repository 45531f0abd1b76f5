package io.microspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.microspring.auth.BearerToken;
import io.microspring.broker.Broker;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.AttemptWrapper;
import io.microspring.client.CallWrapper;
import io.microspring.client.MicroClient;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.selector.Selector;
import io.microspring.transport.Transport;

/**
 * The {@link MicroClient}, with defaults from {@code micro.client-*}, the {@link CallWrapper} and {@link AttemptWrapper} beans
 * in order, publishing through the {@link Broker}, sending {@code micro.auth.token} as the bearer
 * token of every call (else the token of the call being served travels on with its metadata), and
 * beans for the {@code @MicroClient} interfaces of the application's packages.
 */
@AutoConfiguration(after = {MicroSelectorAutoConfiguration.class, MicroTransportAutoConfiguration.class,
        MicroCodecAutoConfiguration.class, MicroBrokerAutoConfiguration.class})
@EnableConfigurationProperties({MicroClientProperties.class, MicroAuthProperties.class})
@Import(TypedClientsRegistrar.class)
public class MicroClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(MicroClient.class)
    RpcClient microClient(Selector selector, Transport transport, Codecs codecs, ObjectProvider<Broker> broker,
            MicroClientProperties properties, MicroAuthProperties auth,
            ObjectProvider<CallOptionsCustomizer> customizers,
            ObjectProvider<CallWrapper> wrappers, ObjectProvider<AttemptWrapper> attemptWrappers) {
        CallOptions.Builder defaults = CallOptions.builder()
                .requestTimeout(Properties.positive("micro.client-request-timeout", properties.getClientRequestTimeout()))
                .connectionTimeout(Properties.positive("micro.client-connection-timeout",
                        properties.getClientConnectionTimeout()))
                .retries(Properties.atLeast("micro.client-retries", properties.getClientRetries(), 0))
                .backoff(Backoff.exponential(properties.getClientBackoffBase(),
                        Properties.positive("micro.client-backoff-max", properties.getClientBackoffMax())))
                .retryPolicy(switch (properties.getClientRetryPolicy()) {
                    case UNPROCESSED -> RetryPolicy.unprocessedOnly();
                    case ALWAYS -> RetryPolicy.always();
                })
                .contentType(supported(codecs, properties.getClientContentType()));
        if (auth.getToken() != null && !auth.getToken().isBlank()) {
            defaults.metadata(BearerToken.metadata(auth.getToken()));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(defaults));
        return new RpcClient(selector, transport, codecs, defaults.build(), wrappers.orderedStream().toList(),
                attemptWrappers.orderedStream().toList(), broker.getIfAvailable());
    }

    private static String supported(Codecs codecs, String contentType) {
        if (codecs.find(contentType).isEmpty()) {
            throw new InvalidConfigurationPropertyValueException(
                    "micro.client-content-type", contentType, "supported: " + String.join(", ", codecs.contentTypes()));
        }
        return contentType;
    }
}
