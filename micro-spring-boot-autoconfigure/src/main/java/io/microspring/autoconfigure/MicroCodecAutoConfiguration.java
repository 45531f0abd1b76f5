package io.microspring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.microspring.codec.Codec;
import io.microspring.codec.Codecs;

/**
 * The codecs: go-micro's five standard ones, plus any {@link Codec} bean, which replaces the
 * standard codec of its content type.
 */
@AutoConfiguration
public class MicroCodecAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Codecs microCodecs(ObjectProvider<Codec> codecs) {
        return Codecs.standard().with(codecs.orderedStream().toList());
    }
}
