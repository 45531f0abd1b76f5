package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.microspring.gateway.edge.RequestLog;
import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.Http;
import reactor.core.publisher.Mono;

/**
 * Requests to a gateway on raw sockets, with the answer as the bytes that came back: to compare
 * what the routes ahead of WebFlux answer (a request target in origin form, {@code GET /path}) with
 * what WebFlux answers (the same target in absolute form, {@code GET http://host/path}, which the
 * routes leave to WebFlux).
 */
final class RawHttp {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");
    private static final Pattern CHUNKED = Pattern.compile("(?i)\r\ntransfer-encoding: *chunked");
    private static final Pattern DATE = Pattern.compile("(?i)\r\ndate: [^\r]*");
    private static final Pattern TIMER_COUNT = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.E]+)");

    private RawHttp() {
    }

    /**
     * The answer to {@code method path} sent in origin form, after checking the absolute form gets
     * the same bytes (but for a {@code Date} header a backend sent, which may have ticked on).
     */
    static String sameBothWays(Cluster.Gateway to, String method, String path, String headers, String body) {
        String ahead = exchange(to, method + " " + path, headers, body);
        String webFlux = exchange(to, method + " http://127.0.0.1:" + to.port() + path, headers, body);
        assertThat(withoutDate(ahead)).as("served ahead of WebFlux").isEqualTo(withoutDate(webFlux));
        return ahead;
    }

    /**
     * Checks that a 2000-byte {@code POST path}, declared and chunked, is the same 413 both ways
     * from {@code small}, a gateway whose {@code micro.api.max-body-size} is 1KB.
     */
    static void tooLargeBothWays(Cluster.Gateway small, String path) {
        String body = "x".repeat(2000);
        assertThat(sameBothWays(small, "POST", path, "Content-Type: text/plain\r\n", body))
                .startsWith("HTTP/1.1 413 Request Entity Too Large\r\n")
                .contains("request body of 2000 bytes is larger than 1024 bytes (micro.api.max-body-size)");
        String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        assertThat(sameBothWays(small, "POST", path, "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n",
                chunked))
                .startsWith("HTTP/1.1 413 Request Entity Too Large\r\n")
                .contains("request body is larger than 1024 bytes (micro.api.max-body-size)");
    }

    /**
     * Sends {@code GET path} in origin form, then in absolute form, and checks that the
     * {@code micro.api.requests} timer with {@code tags} ({@code handler:http&tag=...}) and the
     * access log each counted it once each way, the log lines matching {@code logLine}.
     */
    static void countedOnceEachWay(Cluster.Gateway to, String path, String tags, String logLine) {
        String timer = to.url("/actuator/metrics/" + RequestLog.METRIC + "?tag=" + tags);
        ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
        accessLog.start();
        Logger logger = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER);
        logger.addAppender(accessLog);
        try {
            long before = count(timer);
            exchange(to, "GET " + path, "", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(timer) == before + 1);
            exchange(to, "GET http://127.0.0.1:" + to.port() + path, "", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(timer) == before + 2);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(accessLog.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .filteredOn(line -> line.matches(logLine))
                    .hasSize(2));
        } finally {
            logger.detachAppender(accessLog);
        }
    }

    /** The count of the timer {@code url} shows, 0 while it has none. */
    private static long count(String url) {
        HttpResponse<String> metric = Http.get(url);
        if (metric.statusCode() == 404) {
            return 0;
        }
        Matcher count = TIMER_COUNT.matcher(metric.body());
        assertThat(count.find()).as("a count in %s", metric.body()).isTrue();
        return (long) Double.parseDouble(count.group(1));
    }

    /**
     * Sends one request on a new connection and reads its answer: the head, and the body its
     * Content-Length tells, or the content of its chunks up to the last.
     */
    static String exchange(Cluster.Gateway to, String requestLine, String headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String length = headers.contains("Transfer-Encoding") ? "" : "Content-Length: " + content.length + "\r\n";
        String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + to.port() + "\r\n" + headers + length + "\r\n";
        try (Socket socket = new Socket("127.0.0.1", to.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            while (answer.indexOf("\r\n\r\n") < 0) {
                answer.append(next(in, answer));
            }
            if (CHUNKED.matcher(answer).find()) {
                return answer + dechunked(in);
            }
            Matcher declared = CONTENT_LENGTH.matcher(answer);
            int bodyLength = declared.find() ? Integer.parseInt(declared.group(1)) : 0;
            return answer + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A chunked body's content, its chunks joined: where a body is cut into chunks depends on how
     * its bytes happened to arrive.
     */
    private static String dechunked(InputStream in) throws IOException {
        StringBuilder content = new StringBuilder();
        while (true) {
            int size = Integer.parseInt(line(in).split(";", 2)[0].strip(), 16);
            if (size == 0) {
                assertThat(line(in)).as("no trailers after the last chunk").isEmpty();
                return content.toString();
            }
            content.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            assertThat(line(in)).as("a chunk ends with CRLF").isEmpty();
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (line.length() < 2 || line.charAt(line.length() - 2) != '\r' || line.charAt(line.length() - 1) != '\n') {
            line.append(next(in, line));
        }
        return line.substring(0, line.length() - 2);
    }

    private static char next(InputStream in, CharSequence answer) throws IOException {
        int next = in.read();
        assertThat(next).as("the answer ends before the connection: %s", answer).isNotNegative();
        return (char) next;
    }

    private static String withoutDate(String answer) {
        return DATE.matcher(answer).replaceAll("");
    }

    /**
     * A web filter (a source of the gateway it is named to, never scanned) marking every answer
     * that went through WebFlux: so tests can tell which way a request took.
     */
    public static final class WebFluxMark implements WebFilter, Ordered {

        static final String HEADER = "X-Through-WebFlux";

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            exchange.getResponse().getHeaders().set(HEADER, "yes");
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
