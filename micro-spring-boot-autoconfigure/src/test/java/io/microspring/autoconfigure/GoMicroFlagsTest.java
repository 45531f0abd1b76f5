package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;

import io.microspring.autoconfigure.GoMicroFlags.Flag;

/** go-micro's flags on the command line of any application with the starter. */
class GoMicroFlagsTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @Test
    void whenFlagsComeWithEqualsOrAsTwoArgumentsThenEachHasItsValueAndProperty() {
        GoMicroFlags.CommandLine line = GoMicroFlags.parse(List.of("--registry=etcd", "-registry_address",
                "127.0.0.1:2379", "call", "--register_fail_fast", "John", "--server.port=9000", "--broker"),
                Set.of());
        assertThat(line.flags()).containsExactly(new Flag("registry", "etcd"),
                new Flag("registry_address", "127.0.0.1:2379"), new Flag("register_fail_fast", "true"),
                new Flag("server.port", "9000"), new Flag("broker", null));
        assertThat(line.arguments()).containsExactly("call", "John");
        assertThat(line.flags()).extracting(Flag::property).containsExactly("micro.registry",
                "micro.registry-address", "micro.register-fail-fast", "server.port", "micro.broker");
    }

    @Test
    void whenAServiceStartsWithGoMicroFlagsThenTheySetMicroPropertiesAheadOfTheEnvironment() {
        try (ConfigurableApplicationContext context = run("--registry=memory", "--registry_address", "127.0.0.1:1",
                "--register_ttl=5s", "--server.port=9000", "--debug", "positional")) {
            ConfigurableEnvironment environment = context.getEnvironment();
            assertThat(environment.getProperty("micro.registry")).isEqualTo("memory");
            assertThat(environment.getProperty("micro.registry-address")).isEqualTo("127.0.0.1:1");
            assertThat(environment.getProperty("micro.register-ttl")).isEqualTo("5s");
            assertThat(environment.getProperty("server.port")).isEqualTo("9000");
            assertThat(environment.getProperty("micro.debug")).isNull();
            assertThat(environment.getProperty("micro.positional")).isNull();
            MutablePropertySources sources = environment.getPropertySources();
            assertThat(sources.precedenceOf(sources.get(GoMicroFlagsListener.PROPERTY_SOURCE_NAME))).isEqualTo(
                    sources.precedenceOf(sources.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) + 1);
        }
    }

    @Test
    void whenNoGoMicroFlagIsGivenThenNoPropertySourceIsAdded() {
        try (ConfigurableApplicationContext context = run("--spring.main.banner-mode=off")) {
            assertThat(context.getEnvironment().getPropertySources()
                    .contains(GoMicroFlagsListener.PROPERTY_SOURCE_NAME)).isFalse();
        }
    }

    private static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run(args);
    }
}
