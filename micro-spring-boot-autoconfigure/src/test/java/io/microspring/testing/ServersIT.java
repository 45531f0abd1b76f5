package io.microspring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checks the test harness itself: every server starts, answers, and restarts; the Go peers run. */
class ServersIT {

    @RegisterExtension static EtcdServer etcd = new EtcdServer();
    @RegisterExtension static ConsulServer consul = new ConsulServer();
    @RegisterExtension static NatsServer nats = new NatsServer();
    @RegisterExtension static RabbitMqServer rabbit = new RabbitMqServer();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static HttpResponse<String> send(String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void etcdAnswersAndKeepsDataAcrossRestart() throws Exception {
        String version = ExternalServer.httpGet(etcd.endpoint() + "/version");
        assertTrue(version != null && version.contains("etcdserver"), "GET /version: " + version);

        String key = b64("/micro-test/restart"), value = b64("still here");
        HttpResponse<String> put =
                send("POST", etcd.endpoint() + "/v3/kv/put", "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}");
        assertEquals(200, put.statusCode(), put.body());

        etcd.stop();
        assertFalse(ExternalServer.canConnect(etcd.port()), "etcd port still open after stop()");
        etcd.start();

        HttpResponse<String> range = send("POST", etcd.endpoint() + "/v3/kv/range", "{\"key\":\"" + key + "\"}");
        assertEquals(200, range.statusCode(), range.body());
        assertTrue(range.body().contains(value), "value lost across restart: " + range.body());
    }

    @Test
    void consulAnswersAndRestartsEmpty() throws Exception {
        String leader = ExternalServer.httpGet(consul.httpUrl() + "/v1/status/leader");
        assertTrue(leader != null && leader.strip().matches("\"127\\.0\\.0\\.1:\\d+\""), "leader: " + leader);

        HttpResponse<String> reg =
                send("PUT", consul.httpUrl() + "/v1/agent/service/register",
                        "{\"ID\":\"probe-1\",\"Name\":\"probe\",\"Address\":\"127.0.0.1\",\"Port\":1}");
        assertEquals(200, reg.statusCode(), reg.body());
        assertTrue(ExternalServer.httpGet(consul.httpUrl() + "/v1/agent/services").contains("probe-1"));

        consul.stop();
        assertFalse(ExternalServer.canConnect(consul.port()), "consul port still open after stop()");
        consul.start();

        assertNotEquals("\"\"", ExternalServer.httpGet(consul.httpUrl() + "/v1/status/leader"));
        assertFalse(
                ExternalServer.httpGet(consul.httpUrl() + "/v1/agent/services").contains("probe-1"),
                "a restarted dev agent starts empty");
    }

    @Test
    void natsAnswersAndRestartsOnTheSamePort() {
        String info = nats.infoLine();
        assertTrue(info != null && info.startsWith("INFO {"), "greeting: " + info);

        nats.stop();
        assertNull(nats.infoLine(), "nats still answers after stop()");
        nats.start();

        info = nats.infoLine();
        assertTrue(info != null && info.contains("\"port\":" + nats.port()), "greeting: " + info);
    }

    @Test
    void rabbitMqAnswersAmqp() {
        assertTrue(rabbit.answersAmqp(), "no Connection.Start from " + rabbit.address());
        String queues = rabbit.ctl("list_queues");
        assertTrue(queues.contains("Listing queues for vhost /"), "rabbitmqctl list_queues: " + queues);
    }

    @Test
    void goGreeterAnswersGoClientAtAFixedAddress() {
        Map<String, String> env = GoPeers.registryEnv("memory", null);
        try (GoPeers.Peer greeter = GoPeers.startGreeter(env)) {
            String address = greeter.address();
            assertTrue(address.startsWith("127.0.0.1:"), address);

            GoPeers.Result json =
                    GoPeers.runClient(env, "--address", address, "--request", "{\"name\":\"John\"}");
            assertEquals(0, json.exitCode(), json.toString());
            assertEquals("{\"msg\":\"Hello John\"}", json.lastLine());

            GoPeers.Result proto =
                    GoPeers.runClient(env, "--address", address, "--content_type", "application/protobuf",
                            "--request", "{\"name\":\"Jane\"}");
            assertEquals(0, proto.exitCode(), proto.toString());
            assertEquals("{\"msg\":\"Hello Jane\"}", proto.lastLine());

            GoPeers.Result bad =
                    GoPeers.runClient(env, "--address", address, "--request", "{\"name\":\"bad\"}");
            assertEquals(1, bad.exitCode(), bad.toString());
            assertEquals(
                    "{\"id\":\"x\",\"code\":400,\"detail\":\"bad name\",\"status\":\"Bad Request\"}",
                    bad.lastLine());

            GoPeers.Result meta =
                    GoPeers.runClient(env, "--address", address, "--endpoint", "Say.Meta",
                            "--metadata", "Trace-Id=abc");
            assertEquals(0, meta.exitCode(), meta.toString());
            assertTrue(meta.lastLine().contains("\"Trace-Id\":\"abc\""), meta.lastLine());
        }
    }

    @Test
    void goGreeterIsFoundThroughEtcd() {
        Map<String, String> env = new LinkedHashMap<>(GoPeers.registryEnv("etcd", etcd.address()));
        try (GoPeers.Peer greeter = GoPeers.startGreeter(env, "--name", "go.micro.srv.etcdgreeter")) {
            GoPeers.Result call =
                    GoPeers.runClient(env, "--service", "go.micro.srv.etcdgreeter", "--request", "{\"name\":\"etcd\"}");
            assertEquals(0, call.exitCode(), call.toString());
            assertEquals("{\"msg\":\"Hello etcd\"}", call.lastLine());

            GoPeers.Result list = GoPeers.runClient(env, "--list");
            assertEquals(0, list.exitCode(), list.toString());
            assertTrue(list.lastLine().contains("\"address\":\"" + greeter.address() + "\""), list.lastLine());
            assertTrue(list.lastLine().contains("\"protocol\":\"mucp\""), list.lastLine());
        }
    }
}
