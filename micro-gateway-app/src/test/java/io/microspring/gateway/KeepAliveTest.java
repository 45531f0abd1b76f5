package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;

/**
 * Requests in a row on one keep-alive connection, as a client's pool sends them: each is answered,
 * whatever the one before it was (an error answered before its body was read, a 405, a 200). The
 * connection is a plain socket, so nothing but the gateway decides when a request is served.
 */
@ExtendWith(ClusterExtension.class)
class KeepAliveTest {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    static Cluster.Gateway gateway;

    @BeforeAll
    static void start(Cluster cluster) {
        gateway = cluster.gateway();
    }

    @Test
    void everyRequestOnOneConnectionIsAnsweredAfterErrorsWithUnreadBodies() throws IOException {
        List<Exchange> exchanges = List.of(
                new Exchange("POST", "/srv/greeter/say/hello", "{}", 404),
                new Exchange("GET", "/test/echo/ca%24ll", "", 400),
                new Exchange("POST", "/nobody/here", "{\"name\":\"x\"}", 404),
                new Exchange("POST", "/rpc", "{\"service\":\"go.micro.api.test\"}", 400),
                new Exchange("POST", "/test/echo/missing", "{}", 404),
                new Exchange("DELETE", "/rpc", "{}", 405),
                new Exchange("POST", "/test/echo/hello", "{\"name\":\"K\"}", 200),
                new Exchange("POST", "/nobody/here", "x".repeat(64 * 1024), 404),
                new Exchange("POST", "/test/echo/hello", "{\"name\":\"A\"}", 200));
        sendInARow(exchanges, 20);
    }

    @Test
    void aRequestAfterAnErrorAnsweredOffTheEventLoopIsAnswered() throws IOException, InterruptedException {
        for (int round = 0; round < 4; round++) {
            Thread.sleep(1100); // the service index is old now: an unknown service makes it read the registry first
            sendInARow(List.of(new Exchange("GET", "/nobody/here", "", 404),
                    new Exchange("POST", "/srv/greeter/say/hello", "{}", 404),
                    new Exchange("GET", "/test/echo/ca%24ll", "", 400)), round % 2 == 0 ? 0 : 20);
        }
    }

    @Test
    void aRequestAfterPipelinedOnesIsAnswered() throws IOException {
        Exchange slow = new Exchange("POST", "/test/echo/hello", "{\"name\":\"P\"}", 200);
        Exchange quick = new Exchange("GET", "/test/echo/ca%24ll", "", 400);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int round = 0; round < 3; round++) {
                // the quick one arrives while the slow one is served, then one more after both are answered
                out.write((slow.head() + slow.body() + quick.head()).getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(readStatus(in)).as("pipelined call").isEqualTo(200);
                assertThat(readStatus(in)).as("pipelined bad path").isEqualTo(400);
                out.write(quick.head().getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(readStatus(in)).as("the request after them").isEqualTo(400);
            }
        }
    }

    /** Sends each request on one connection, the head and then after {@code pauseMillis} the body. */
    private static void sendInARow(List<Exchange> exchanges, long pauseMillis) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (Exchange exchange : exchanges) {
                out.write(exchange.head().getBytes(StandardCharsets.UTF_8));
                out.flush();
                pause(pauseMillis); // clients often send the head alone first: the gateway may answer before the body
                out.write(exchange.body().getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(readStatus(in)).as("%s %s", exchange.method(), exchange.path()).isEqualTo(exchange.status());
            }
        }
    }

    private static void pause(long millis) {
        if (millis == 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one response (head and Content-Length body) and returns its status. */
    private static int readStatus(InputStream in) throws IOException {
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        in.readNBytes(length);
        return status;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : next == end[0] ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private record Exchange(String method, String path, String body, int status) {

        String head() {
            return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
        }
    }
}
