package io.microspring.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.testing.EtcdServer;
import io.microspring.testing.GoPeers;

/**
 * The sidecar scenarios over a real etcd, and a go-micro client (Go's {@code greeter-client})
 * calling the Python and Node apps found there.
 */
class SidecarEtcdIT extends SidecarScenarios {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @Override
    List<String> registryFlags() {
        return List.of("--registry=etcd", "--registry_address=" + etcd.address());
    }

    @Override
    List<String> registryProperties() {
        return List.of("micro.registry=etcd", "micro.registry-address=" + etcd.address());
    }

    @Test
    @Order(1)
    void aGoMicroClientCallsThePythonAndNodeApps() {
        Map<String, String> env = GoPeers.registryEnv("etcd", etcd.address());
        GoPeers.Result python = GoPeers.runClient(env, "--service", "go.micro.srv.py", "--endpoint", "Py.Hello",
                "--request", "{\"name\":\"Go\"}");
        assertThat(python.exitCode()).as(python.output()).isZero();
        assertThat(python.lastLine()).isEqualTo("{\"msg\":\"Hello Go from Python\"}");
        GoPeers.Result node = GoPeers.runClient(env, "--service", "go.micro.srv.node", "--endpoint", "Node.Hello",
                "--request", "{\"name\":\"Go\"}");
        assertThat(node.exitCode()).as(node.output()).isZero();
        assertThat(node.lastLine()).isEqualTo("{\"msg\":\"Hello Go from Node\"}");
    }
}
