package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The CLI's commands through mDNS, go-micro's default registry: no flag, no environment variable needed. */
class MicroCliMdnsIT extends MicroCliContract {

    @Override
    Map<String, String> registryEnv() {
        return Map.of();
    }

    @Override
    Map<String, String> registryProperties() {
        return Map.of();
    }

    @Test
    void registerServiceIsRefusedBecauseMdnsKeepsNoRegistrationOfAnEndedProcess() {
        MicroProcess.Outcome register = micro("register", "service",
                "{\"name\":\"cli.kept\",\"nodes\":[{\"id\":\"kept-1\",\"address\":\"127.0.0.1:1\"}]}");
        assertThat(register.exitCode()).isEqualTo(1);
        assertThat(json(register.err()).get("code").asInt()).isEqualTo(400);
        assertThat(json(register.err()).get("detail").asString()).contains("etcd or consul");
    }
}
