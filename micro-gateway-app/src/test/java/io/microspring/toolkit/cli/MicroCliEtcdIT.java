package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.testing.EtcdServer;
import io.microspring.testing.FreePorts;
import io.microspring.testing.GoPeers;

/** The CLI's commands through a real etcd, chosen with go-micro's MICRO_REGISTRY variables; and register/deregister. */
class MicroCliEtcdIT extends MicroCliContract {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @Override
    Map<String, String> registryEnv() {
        return GoPeers.registryEnv("etcd", etcd.address());
    }

    @Override
    Map<String, String> registryProperties() {
        return Map.of("micro.registry", "etcd", "micro.registry-address", etcd.address());
    }

    @Test
    void aRegisteredServiceIsListedReportedUnreachableAndGoneWhenDeregistered() {
        String name = "cli.registered." + suffix;
        String service = "{\"name\":\"" + name + "\",\"version\":\"1.0\",\"nodes\":[{\"id\":\"" + name
                + "-1\",\"address\":\"127.0.0.1:" + FreePorts.find() + "\",\"metadata\":{\"zone\":\"a\"}}]}";
        MicroProcess.Outcome register = micro("register", "service", service);
        assertThat(register.exitCode()).as(register.toString()).isZero();
        assertThat(register.stdout()).containsExactly("registered " + name + " (1 node)");
        assertThat(micro("get", "service", name).out()).contains("version  1.0", name + "-1", "zone=a");

        MicroProcess.Outcome health = micro("health", name);
        assertThat(health.exitCode()).isEqualTo(1);
        assertThat(health.stdout().get(1)).endsWith("unreachable");
        assertThat(json(health.err()).get("code").asInt()).isEqualTo(503);

        MicroProcess.Outcome deregister = micro("deregister", "service", service, "--output", "json");
        assertThat(deregister.exitCode()).as(deregister.toString()).isZero();
        assertThat(json(deregister.out()).get("deregistered").get("name").asString()).isEqualTo(name);
        assertThat(micro("get", "service", name).exitCode()).isEqualTo(1);
    }

    @Test
    void registryFlagsOnTheCommandLineWorkAsTheEnvironmentVariables() {
        MicroProcess.Outcome list = MicroProcess.run(Map.of(), "--registry=etcd",
                "--registry_address=" + etcd.address(), "list", "services");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).contains(javaName, goName);
    }

    /**
     * Through etcd: go-micro's mDNS multicasts leave by the default route, so its CLI does not
     * reach a node listening on loopback only (MdnsGoInteropIT runs them in a network namespace).
     */
    @Test
    void goMicrosOwnCliReadsTheJavaNodesDebugService() {
        GoPeers.Result health = GoPeers.run("micro", registryEnv(), Duration.ofSeconds(60), "call", javaName,
                "Debug.Health", "{}");
        assertThat(health.exitCode()).as(health.stderr().toString()).isZero();
        assertThat(json(health.output()).get("status").asString()).isEqualTo("ok");
        GoPeers.Result stats = GoPeers.run("micro", registryEnv(), Duration.ofSeconds(60), "call", javaName,
                "Debug.Stats", "{}");
        assertThat(stats.exitCode()).as(stats.stderr().toString()).isZero();
        assertThat(Long.parseLong(json(stats.output()).get("threads").asString())).isPositive();
    }
}
