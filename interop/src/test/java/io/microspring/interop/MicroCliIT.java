package io.microspring.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.testing.EtcdServer;
import io.microspring.testing.GoPeers;

/**
 * go-micro's own {@code micro} CLI (v5.30.0) as a second, independent client of a Java service in
 * etcd. ({@code micro describe} and {@code micro services} print nothing in v5.30.0 even for Go
 * services, so only {@code micro call} is checked.)
 */
class MicroCliIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    static ConfigurableApplicationContext java;

    @BeforeAll
    static void start() {
        java = JavaGreeterApplication.start("--micro.registry=etcd", "--micro.registry-address=" + etcd.address(),
                "--micro.server-name=go.micro.srv.greeter", "--micro.server-address=127.0.0.1:0");
    }

    @AfterAll
    static void stop() {
        if (java != null) {
            java.close();
        }
    }

    @Test
    void microCallReachesTheJavaGreeterThroughEtcd() {
        GoPeers.Result result = micro("call", "go.micro.srv.greeter", "Say.Hello", "{\"name\":\"John\"}");
        assertThat(result.exitCode()).as(result.stderr().toString()).isZero();
        assertThat(result.output()).contains("\"msg\"").contains("Hello John");
    }

    @Test
    void microCallSeesTheJavaErrorWithItsFields() {
        GoPeers.Result result = micro("call", "go.micro.srv.greeter", "Say.Hello", "{\"name\":\"bad\"}");
        String all = result.output() + String.join("\n", result.stderr());
        assertThat(all).contains("bad name").contains("400");
    }

    private static GoPeers.Result micro(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--registry=etcd";
        all[1] = "--registry_address=" + etcd.address();
        System.arraycopy(args, 0, all, 2, args.length);
        return GoPeers.run("micro", Map.of(), Duration.ofSeconds(30), all);
    }
}
