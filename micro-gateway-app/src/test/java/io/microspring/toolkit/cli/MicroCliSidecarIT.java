package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.testing.EtcdServer;
import io.microspring.testing.ExternalProcess;
import io.microspring.testing.FreePorts;
import io.microspring.testing.GoPeers;

/**
 * The CLI's commands through a running {@code micro sidecar} ({@code --proxy_address}, here from
 * {@code MICRO_PROXY_ADDRESS}), as micro's CLI: the sidecar (the {@code micro} jar, a process of
 * its own) and the greeters use etcd, while {@code micro} is given no registry at all, so whatever
 * it finds it found through the sidecar's {@code /registry}, {@code /rpc} and {@code /broker}.
 */
class MicroCliSidecarIT extends MicroCliContract {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private final int sidecarPort = FreePorts.find();
    private ExternalProcess sidecar;

    @Override
    Map<String, String> registryEnv() {
        return GoPeers.registryEnv("etcd", etcd.address());
    }

    @Override
    Map<String, String> registryProperties() {
        return Map.of("micro.registry", "etcd", "micro.registry-address", etcd.address());
    }

    @Override
    Map<String, String> cliEnv() {
        return Map.of("MICRO_PROXY_ADDRESS", "127.0.0.1:" + sidecarPort);
    }

    @BeforeAll
    void startSidecar() {
        sidecar = ExternalProcess.builder("sidecar", Path.of("micro").toAbsolutePath())
                .args("--registry=etcd", "--registry_address=" + etcd.address(), "sidecar",
                        "--address=127.0.0.1:" + sidecarPort)
                .stopTimeout(Duration.ofSeconds(30))
                .start();
        sidecar.awaitLine(Pattern.compile(".*Netty started on port " + sidecarPort + ".*"), Duration.ofSeconds(120));
    }

    @AfterAll
    void stopSidecar() {
        if (sidecar != null) {
            sidecar.stop();
        }
    }

    @Override
    @Test
    void callOverJsonRpcAnswersToo() {
        MicroProcess.Outcome call = micro("call", "--content_type", "application/json-rpc", goName, "Say.Hello",
                "{\"name\":\"Rpc\"}");
        assertThat(call.exitCode()).as(call.toString()).isEqualTo(1);
        assertThat(json(call.err()).get("code").asInt()).isEqualTo(400);
        assertThat(json(call.err()).get("detail").asString()).contains("sends a call as application/json");
    }

    @Override
    @Test
    void streamPrintsEveryMessageOfTheGoAndTheJavaStreamUntilItEnds() {
        MicroProcess.Outcome stream = micro("stream", goName, "Say.Stream", "{\"name\":\"John\"}");
        assertThat(stream.exitCode()).as(stream.toString()).isEqualTo(1);
        assertThat(json(stream.err()).get("code").asInt()).isEqualTo(400);
        assertThat(json(stream.err()).get("detail").asString()).contains("streams do not go through micro sidecar");
    }

    @Test
    void registerAndDeregisterGoThroughTheSidecarIntoItsRegistry() {
        String name = "cli.proxied." + suffix;
        String service = "{\"name\":\"" + name + "\",\"version\":\"2.0\",\"nodes\":[{\"id\":\"" + name
                + "-1\",\"address\":\"127.0.0.1:" + FreePorts.find() + "\"}]}";
        MicroProcess.Outcome register = micro("register", "service", service);
        assertThat(register.exitCode()).as(register.toString()).isZero();
        assertThat(register.stdout()).containsExactly("registered " + name + " (1 node)");
        MicroProcess.Outcome inEtcd = MicroProcess.run(registryEnv(), "get", "service", name);
        assertThat(inEtcd.out()).as(inEtcd.toString()).contains("version  2.0", name + "-1");

        MicroProcess.Outcome deregister = micro("deregister", "service", service);
        assertThat(deregister.exitCode()).as(deregister.toString()).isZero();
        assertThat(MicroProcess.run(registryEnv(), "get", "service", name).exitCode()).isEqualTo(1);
    }

    @Test
    void aSidecarThatIsNotRunningIsA503NamingItsAddress() {
        String address = "127.0.0.1:" + FreePorts.find();
        MicroProcess.Outcome list = MicroProcess.run(Map.of(), "--proxy_address", address, "list", "services");
        assertThat(list.exitCode()).as(list.toString()).isEqualTo(1);
        assertThat(list.stdout()).isEmpty();
        assertThat(list.stderr()).hasSize(1);
        assertThat(json(list.err()).get("code").asInt()).isEqualTo(503);
        assertThat(json(list.err()).get("detail").asString()).contains("micro sidecar at " + address);
    }

    @Test
    void aProxyAddressThatIsNoHostAndPortIsAUsageError() {
        MicroProcess.Outcome list = MicroProcess.run(Map.of(), "--proxy_address=nowhere", "list", "services");
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("--proxy_address takes the sidecar's host:port");
    }
}
