package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.testing.EtcdServer;
import io.microspring.testing.GoPeers;

/**
 * The CLI through a real etcd as a plain {@code java -jar micro.jar}: the etcd client (gRPC, with its
 * service files merged) runs from the jar's {@code cli/} copy too. (The launcher's way through etcd is
 * {@link MicroCliEtcdIT}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicroJarEtcdIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private final String name = "cli.jar.greeter." + UUID.randomUUID().toString().substring(0, 8);
    private GoPeers.Peer greeter;

    @BeforeAll
    void startGreeter() {
        greeter = GoPeers.startGreeter(GoPeers.registryEnv("etcd", etcd.address()), "--name", name);
    }

    @AfterAll
    void stopGreeter() {
        if (greeter != null) {
            greeter.close();
        }
    }

    @Test
    void listsAndCallsAGoServiceFoundInEtcd() {
        Map<String, String> env = MicroJarMdnsIT.plainJar(GoPeers.registryEnv("etcd", etcd.address()));
        MicroProcess.Outcome list = MicroProcess.run(env, "list", "services");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).contains(name);
        MicroProcess.Outcome call = MicroProcess.run(env, "call", name, "Say.Hello", "{\"name\":\"John\"}",
                "--output", "raw");
        assertThat(call.exitCode()).as(call.toString()).isZero();
        assertThat(call.stdout()).containsExactly("{\"msg\":\"Hello John\"}");
    }
}
