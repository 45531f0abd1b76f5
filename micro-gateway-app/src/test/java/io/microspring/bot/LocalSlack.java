package io.microspring.bot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small Slack on loopback, written from Slack's published API documentation, speaking the
 * parts the Java SDK's Socket Mode client and Web API client use:
 * <ul>
 * <li>Web API ({@code POST /api/<method>}, form or JSON body, {@code Authorization: Bearer}):
 * {@code auth.test} (bot token: the bot's user, team and IDs; app token: the team, which the SDK
 * asks for its rate limiter), {@code apps.connections.open} (app
 * token: the websocket URL) and {@code chat.postMessage} (bot token: {@code channel} and
 * {@code text} are recorded); a wrong token answers {@code {"ok":false,"error":"invalid_auth"}}.</li>
 * <li>Socket Mode websocket ({@code /socket}): a {@code hello} message on connect; then
 * {@code events_api} envelopes carrying an {@code event_callback} with an {@code app_mention}
 * event ({@code <@UBOT> text} in a channel) or a {@code message} event with
 * {@code channel_type: im} (a direct message); the client's acknowledgements
 * ({@code {"envelope_id": ...}}) are recorded; {@link #disconnectAll} sends {@code disconnect}
 * ({@code refresh_requested}) and closes the websocket.</li>
 * </ul>
 * Everything else (interactivity, slash commands, retries, rate limits) is left out.
 */
final class LocalSlack implements AutoCloseable {

    /** The bot's user ID, as auth.test answers it. */
    static final String BOT_USER = "UBOT";

    private static final JsonMapper JSON = JsonMapper.shared();

    private final String appToken;
    private final String botToken;
    private final DisposableServer server;
    private final List<Sinks.Many<String>> sockets = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();

    /** A message the bot posted with chat.postMessage. */
    record Post(String channel, String text) {
    }

    LocalSlack(String appToken, String botToken) {
        this.appToken = appToken;
        this.botToken = botToken;
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/api/{method}", this::method).ws("/socket", this::socket))
                .bindNow();
    }

    /** The Web API's base URL, for {@code micro.bot.slack.api-url}. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/";
    }

    /** Whether a Socket Mode connection is open. */
    boolean connected() {
        return !sockets.isEmpty();
    }

    /** How many Socket Mode connections were opened so far. */
    int connectionsOpened() {
        return opened.get();
    }

    /**
     * Ends every Socket Mode connection as Slack does when it moves an app to another server: a
     * {@code disconnect} message ({@code reason: refresh_requested}), then the websocket is closed.
     */
    void disconnectAll() {
        sockets.forEach(socket -> {
            socket.tryEmitNext("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\","
                    + "\"debug_info\":{\"host\":\"local-slack\"}}");
            socket.tryEmitComplete();
        });
    }

    /** Sends {@code user}'s mention of the bot in {@code channel}; the envelope's ID. */
    String mention(String user, String channel, String text) {
        ObjectNode event = event("app_mention", user, channel, "<@" + BOT_USER + "> " + text);
        return send(event);
    }

    /** Sends {@code user}'s direct message to the bot in the im {@code channel}; the envelope's ID. */
    String directMessage(String user, String channel, String text) {
        ObjectNode event = event("message", user, channel, text);
        event.put("channel_type", "im");
        return send(event);
    }

    /** The bot's next post, waiting up to {@code timeout}. */
    Post nextPost(Duration timeout) throws InterruptedException {
        Post post = posts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (post == null) {
            throw new AssertionError("the bot posted nothing within " + timeout);
        }
        return post;
    }

    /** Whether the bot acknowledged envelope {@code envelopeId}. */
    boolean acknowledged(String envelopeId) {
        return acknowledged.contains(envelopeId);
    }

    private ObjectNode event(String type, String user, String channel, String text) {
        int n = sequence.incrementAndGet();
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type);
        event.put("user", user);
        event.put("text", text);
        event.put("ts", "1700000000.0000" + n);
        event.put("channel", channel);
        event.put("event_ts", "1700000000.0000" + n);
        return event;
    }

    private String send(ObjectNode event) {
        int n = sequence.incrementAndGet();
        String envelopeId = "envelope-" + n;
        ObjectNode payload = JSON.createObjectNode();
        payload.put("token", "verification-token");
        payload.put("team_id", "T0001");
        payload.put("api_app_id", "A0001");
        payload.set("event", event);
        payload.put("type", "event_callback");
        payload.put("event_id", "Ev" + n);
        payload.put("event_time", 1_700_000_000L);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("payload", payload);
        envelope.put("envelope_id", envelopeId);
        envelope.put("type", "events_api");
        envelope.put("accepts_response_payload", false);
        envelope.put("retry_attempt", 0);
        envelope.put("retry_reason", "");
        String text = JSON.writeValueAsString(envelope);
        if (sockets.isEmpty()) {
            throw new AssertionError("no Socket Mode connection is open");
        }
        sockets.forEach(socket -> socket.tryEmitNext(text));
        return envelopeId;
    }

    private Mono<Void> method(HttpServerRequest request, HttpServerResponse response) {
        String method = request.param("method");
        String token = request.requestHeaders().get("Authorization", "").replaceFirst("^Bearer ", "");
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    ObjectNode answer = answer(method, token, fields(body, request.requestHeaders()
                            .get("Content-Type", "")));
                    return response.header("Content-Type", "application/json; charset=utf-8")
                            .sendString(Mono.just(JSON.writeValueAsString(answer))).then();
                });
    }

    private ObjectNode answer(String method, String token, Map<String, String> fields) {
        ObjectNode answer = JSON.createObjectNode();
        String needed = method.equals("apps.connections.open") ? appToken : botToken;
        if (method.equals("auth.test") && token.equals(appToken)) {
            // the SDK asks with the app token too, for the team ID of its rate limiter
            return answer.put("ok", true).put("url", "https://micro-test.slack.com/").put("team", "micro-test")
                    .put("team_id", "T0001");
        }
        if (!token.equals(needed)) {
            return answer.put("ok", false).put("error", "invalid_auth");
        }
        switch (method) {
            case "auth.test" -> answer.put("ok", true).put("url", "https://micro-test.slack.com/")
                    .put("team", "micro-test").put("user", "microbot").put("team_id", "T0001")
                    .put("user_id", BOT_USER).put("bot_id", "B0001");
            case "apps.connections.open" -> answer.put("ok", true)
                    .put("url", "ws://127.0.0.1:" + server.port() + "/socket?ticket=" + sequence.incrementAndGet());
            case "chat.postMessage" -> {
                posts.add(new Post(fields.getOrDefault("channel", ""), fields.getOrDefault("text", "")));
                answer.put("ok", true).put("channel", fields.getOrDefault("channel", ""))
                        .put("ts", "1700000001.000100");
            }
            default -> answer.put("ok", false).put("error", "unknown_method");
        }
        return answer;
    }

    private static Map<String, String> fields(String body, String contentType) {
        if (contentType.startsWith("application/json")) {
            JsonNode json = JSON.readTree(body);
            return Map.of("channel", json.path("channel").asString(""), "text", json.path("text").asString(""));
        }
        Map<String, String> fields = new HashMap<>();
        new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters()
                .forEach((name, values) -> fields.put(name, values.get(0)));
        return fields;
    }

    private Mono<Void> socket(WebsocketInbound in, WebsocketOutbound out) {
        Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
        outbound.tryEmitNext("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"local-slack\","
                + "\"build_number\":1,\"approximate_connection_time\":18060},"
                + "\"connection_info\":{\"app_id\":\"A0001\"}}");
        sockets.add(outbound);
        opened.incrementAndGet();
        Mono<Void> reading = in.receive().asString().doOnNext(this::received).then()
                .doFinally(signal -> sockets.remove(outbound));
        return Mono.firstWithSignal(out.sendString(outbound.asFlux()).then(), reading);
    }

    private void received(String frame) {
        JsonNode message = JSON.readTree(frame);
        if (message.has("envelope_id")) {
            acknowledged.add(message.get("envelope_id").asString());
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
