package io.microspring.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.testing.EtcdServer;
import io.microspring.testing.GoPeers;
import io.microspring.testing.NatsServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * One queue group with a go-micro member and a Java member: a go-micro publisher's messages each
 * reach exactly one of them, over go-micro's HTTP broker (both registered in etcd) and over NATS.
 */
class MixedQueueGroupIT {

    private static final int MESSAGES = 40;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @RegisterExtension
    static final NatsServer nats = new NatsServer();

    @ParameterizedTest
    @ValueSource(strings = {"http", "nats"})
    void eachMessageReachesExactlyOneMemberOfTheGroup(String broker) throws InterruptedException {
        String topic = "go.micro.topic.queue." + broker;
        QueueMember.RECEIVED.clear();
        List<String> args = new ArrayList<>(List.of("--micro.registry=etcd", "--micro.registry-address=" + etcd.address(),
                "--micro.broker=" + broker, "--micro.server-name=go.micro.srv.queue-member",
                "--micro.server-address=127.0.0.1:0"));
        if (broker.equals("nats")) {
            args.add("--micro.broker-address=" + nats.url());
        }
        Map<String, String> env = new HashMap<>(GoPeers.registryEnv("etcd", etcd.address()));
        env.putAll(GoPeers.brokerEnv(broker, broker.equals("nats") ? nats.url() : ""));
        try (ConfigurableApplicationContext java = JavaGreeterApplication.start(args.toArray(String[]::new));
                GoPeers.Peer go = GoPeers.startSubscriber(env, "--topic=" + topic, "--queue=workers")) {
            GoPeers.Result published = GoPeers.runPublisher(env, "--topic=" + topic, "--count=" + MESSAGES,
                    "--interval=10ms");
            assertThat(published.exitCode()).as(published.output() + published.stderr()).isZero();

            await().atMost(Duration.ofSeconds(30)).until(() -> javaSeqs(broker).size() + goSeqs(go).size() >= MESSAGES);
            Thread.sleep(1000); // a duplicate delivery would arrive within this second
            List<Integer> javaGot = javaSeqs(broker);
            List<Integer> goGot = goSeqs(go);
            assertThat(javaGot.size() + goGot.size()).as("no message twice").isEqualTo(MESSAGES);
            Set<Integer> all = new HashSet<>(javaGot);
            all.addAll(goGot);
            assertThat(all).as("every message once").hasSize(MESSAGES);
            assertThat(javaGot).as("the Java member shares the work").isNotEmpty();
            assertThat(goGot).as("the Go member shares the work").isNotEmpty();
        }
    }

    private static List<Integer> javaSeqs(String broker) {
        return QueueMember.RECEIVED.stream().filter(entry -> entry.startsWith(broker + " "))
                .map(entry -> Integer.parseInt(entry.substring(broker.length() + 1))).toList();
    }

    private static List<Integer> goSeqs(GoPeers.Peer go) {
        return go.output().stream().filter(line -> line.startsWith("{"))
                .map(line -> JSON.readTree(line).path("event").path("seq").asInt()).toList();
    }
}
