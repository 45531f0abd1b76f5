package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.standalone.StandaloneSettings;
import io.microspring.toolkit.command.Output;

class GlobalFlagsTest {

    @Test
    void whenGoMicroFlagsComeAnywhereThenTheyAreTakenOutOfTheCommand() {
        GlobalFlags flags = GlobalFlags.parse(List.of("--registry=etcd", "call", "-registry_address", "10.0.0.1:2379",
                "greeter", "Say.Hello", "--address", "127.0.0.1:9", "--output", "json"), Map.of());
        assertThat(flags.rest()).containsExactly("call", "greeter", "Say.Hello", "--address=127.0.0.1:9");
        assertThat(flags.output()).isEqualTo(Output.JSON);
        StandaloneSettings settings = flags.settings(Map.of());
        assertThat(settings.registry()).isEqualTo("etcd");
        assertThat(settings.registryAddresses()).containsExactly("10.0.0.1:2379");
    }

    @Test
    void whenAFlagIsMissingThenItsMicroVariableIsUsedAndAFlagWinsOverIt() {
        Map<String, String> env = Map.of("MICRO_REGISTRY", "consul", "MICRO_BROKER", "nats",
                "MICRO_BROKER_ADDRESS", "nats://a:4222, nats://b:4222", "MICRO_CLIENT_REQUEST_TIMEOUT", "1m30s");
        StandaloneSettings settings = GlobalFlags.parse(List.of("--registry", "etcd", "services"), env).settings(env);
        assertThat(settings.registry()).isEqualTo("etcd");
        assertThat(settings.broker()).isEqualTo("nats");
        assertThat(settings.brokerAddresses()).containsExactly("nats://a:4222", "nats://b:4222");
        assertThat(settings.callDefaults().requestTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void whenNothingIsGivenThenItIsMdnsTheHttpBrokerAndText() {
        GlobalFlags flags = GlobalFlags.parse(List.of("services"), Map.of());
        assertThat(flags.settings(Map.of()).registry()).isEqualTo("mdns");
        assertThat(flags.settings(Map.of()).broker()).isEqualTo("http");
        assertThat(flags.output()).isEqualTo(Output.TEXT);
    }

    @Test
    void whenAValueIsWrongThenTheErrorNamesTheFlag() {
        assertThatThrownBy(() -> GlobalFlags.parse(List.of("services", "--registry"), Map.of()))
                .hasMessage("flag --registry needs a value");
        assertThatThrownBy(() -> GlobalFlags.parse(List.of("--client_retries=-1"), Map.of()).settings(Map.of()))
                .hasMessageContaining("--client_retries");
        assertThatThrownBy(() -> GlobalFlags.parse(List.of("--client_request_timeout=soon"), Map.of())
                .settings(Map.of())).hasMessage("--client_request_timeout takes a duration such as 500ms, 5s or 1m30s, "
                        + "not 'soon'");
        assertThat(GlobalFlags.duration(" 1m30s", "ttl")).isEqualTo(Duration.ofSeconds(90));
    }
}
