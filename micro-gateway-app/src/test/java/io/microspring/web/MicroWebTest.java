package io.microspring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registration;
import io.microspring.registry.Service;
import io.microspring.registry.Value;
import io.microspring.samples.greeterweb.GreeterWebApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running {@code micro web} over real HTTP, beside the cluster's services: the sample greeter-web
 * registered as {@code go.micro.web.greeter} reached through the proxy (prefix stripped, headers
 * set, bodies and websockets passed), the dashboard pages as HTML and JSON, registry strings
 * escaped, {@code POST /rpc} with its allow-list, and the pure proxy with the dashboard off.
 */
@ExtendWith(ClusterExtension.class)
class MicroWebTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    static Cluster cluster;
    static ConfigurableApplicationContext greeterWeb;
    static Registration headersApp;
    static Registration evil;
    static MicroWeb web;
    static final JsonMapper JSON = JsonMapper.shared();

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
        greeterWeb = cluster.startWebApp(GreeterWebApplication.class, WebApplicationType.REACTIVE,
                "server.address=127.0.0.1", "server.port=0", "micro.web.name=go.micro.web.greeter",
                "micro.web.metadata.icon=/greeter/icon.png");
        String headersAddress = cluster.registry().getService("go.micro.api.headers").get(0).nodes().get(0).address();
        headersApp = cluster.registerWeb("go.micro.web.headers", headersAddress, "/**");
        evil = Registration.register(cluster.registry(), new Service("go.micro.srv.evil", "<b>1</b>",
                Map.of("owner", "<script>alert('service')</script>"),
                List.of(new Endpoint("Evil.<i>Call</i>", new Value("Request", "Request",
                        List.of(new Value("<img src=x onerror=alert(1)>", "string", List.of()))), null, Map.of())),
                List.of(new Node("evil-1", "127.0.0.1:1", Map.of("note", "<script>alert('node')</script>")))),
                TTL, Duration.ofMinutes(1));
        web = MicroWeb.start(cluster);
    }

    @AfterAll
    static void stop() {
        web.close();
        evil.close();
        headersApp.close();
        greeterWeb.close();
    }

    @Test
    void aWebAppIsReachedUnderItsNameWithThePrefixStripped() {
        HttpResponse<String> response = Http.get(web.url("/greeter/web/hello?name=John"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello John");
    }

    @Test
    void theAppSeesItsBasePathAndTheForwardedHeaders() {
        HttpResponse<String> response = Http.get(web.url("/headers/headers/show?x=1"),
                "X-Micro-Web-Base-Path", "/forged");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("GET /headers/show?x=1\n")
                .contains("\nx-micro-web-base-path: /headers")
                .doesNotContain("/forged")
                .contains("x-forwarded-for: 127.0.0.1")
                .contains("x-forwarded-host: 127.0.0.1:" + web.port())
                .contains("x-forwarded-proto: http")
                .contains("x-forwarded-port: " + web.port());
    }

    @Test
    void aBodyStreamsThroughBothWays() {
        byte[] body = new byte[3 * 1024 * 1024];
        new Random(13).nextBytes(body);
        HttpResponse<byte[]> response = Http.postBytes(web.url("/greeter/web/echo"), "application/octet-stream", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void aWebsocketIsProxied() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = Http.client().newWebSocketBuilder()
                .buildAsync(URI.create(web.url("/greeter/web/ws").replace("http:", "ws:")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
        socket.sendText("again", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("again");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void theAppsBareNameRedirectsToItsRoot() {
        HttpResponse<String> response = Http.get(web.url("/greeter?x=1"));
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/greeter/?x=1");
    }

    @Test
    void anUnknownAppIsAGoMicro404() {
        HttpResponse<String> response = Http.get(web.url("/nothing/here"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"id\":\"go.micro.web\"").contains("\"code\":404")
                .contains("go.micro.web.nothing");
    }

    @Test
    void theHomePageShowsTheWebAppAsATile() {
        HttpResponse<String> html = Http.get(web.url("/"));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(html.body()).contains("<a class=\"tile\" href=\"/greeter/\"><img src=\"/greeter/icon.png\"")
                .contains("href=\"/registry\"").doesNotContain("http://", "https://");

        HttpResponse<String> json = Http.get(web.url("/"), "Accept", "application/json");
        assertThat(json.body()).contains("{\"name\":\"greeter\",\"service\":\"go.micro.web.greeter\","
                + "\"url\":\"/greeter/\",\"icon\":\"/greeter/icon.png\"}")
                .contains("{\"name\":\"headers\",\"service\":\"go.micro.web.headers\"")
                .doesNotContain("go.micro.srv.greeter");
    }

    @Test
    void theRegistryPageListsServicesWithVersionsAndNodeCounts() {
        HttpResponse<String> json = Http.get(web.url("/registry?format=json"));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json.body()).contains("{\"name\":\"go.micro.srv.greeter\",\"versions\":[\"latest\"],\"nodes\":1}")
                .contains("{\"name\":\"go.micro.web.greeter\",");

        assertThat(Http.get(web.url("/registry")).body())
                .contains("<a href=\"/registry?service=go.micro.srv.greeter\">go.micro.srv.greeter</a>");
    }

    @Test
    void aServicePageShowsNodesAndEndpointFieldTrees() {
        String html = Http.get(web.url("/registry?service=go.micro.srv.greeter")).body();
        assertThat(html).contains("<h4>Say.Hello <a class=\"call\" "
                + "href=\"/client?service=go.micro.srv.greeter&amp;endpoint=Say.Hello\">call</a></h4>")
                .contains("<span class=\"field\">name</span> <span class=\"type\">string</span>")
                .contains("<span class=\"field\">msg</span>");

        String json = Http.get(web.url("/registry?service=go.micro.srv.greeter"), "Accept", "application/json").body();
        assertThat(json).startsWith("{\"name\":\"go.micro.srv.greeter\",\"services\":[")
                .contains("\"name\":\"Say.Hello\"").contains("{\"name\":\"name\",\"type\":\"string\"");
    }

    @Test
    void everyRegistryStringIsEscaped() {
        String list = Http.get(web.url("/registry")).body();
        assertThat(list).contains("&lt;b&gt;1&lt;/b&gt;").doesNotContain("<b>1</b>");

        String page = Http.get(web.url("/registry?service=go.micro.srv.evil")).body();
        assertThat(page).doesNotContain("<script>alert", "<i>Call", "<img src=x", "<b>1")
                .contains("&lt;script&gt;alert(&#39;service&#39;)&lt;/script&gt;")
                .contains("&lt;script&gt;alert(&#39;node&#39;)&lt;/script&gt;")
                .contains("Evil.&lt;i&gt;Call&lt;/i&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;");

        String form = Http.get(web.url("/client?service=go.micro.srv.evil&endpoint=x%3C%2Ftextarea%3E"
                + "&request=%3C%2Ftextarea%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E")).body();
        assertThat(form).doesNotContain("<script>alert", "<img src=x")
                .contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>")
                .contains("data-skeleton=\"{\n  &quot;&lt;img src=x onerror=alert(1)&gt;&quot; : &quot;&quot;\n}\"");
    }

    @Test
    void theCallFormIsFilledFromItsPermalink() {
        String json = Http.get(web.url("/client?service=go.micro.srv.greeter&endpoint=Say.Hello&format=json")).body();
        assertThat(json).contains("\"service\":\"go.micro.srv.greeter\"", "\"endpoint\":\"Say.Hello\"",
                "\"request\":\"{\\n  \\\"name\\\" : \\\"\\\"\\n}\"");

        String html = Http.get(web.url("/client?service=go.micro.srv.greeter&endpoint=Say.Hello"
                + "&request=%7B%22name%22%3A%22John%22%7D")).body();
        assertThat(html).contains("<option value=\"go.micro.srv.greeter\" selected>go.micro.srv.greeter</option>")
                .contains("<option value=\"Say.Hello\" data-skeleton=\"{\n  &quot;name&quot; : &quot;&quot;\n}\" "
                        + "selected>Say.Hello</option>")
                .contains(">{&quot;name&quot;:&quot;John&quot;}</textarea>")
                .contains("<script src=\"/dashboard.js\" defer></script>");
    }

    @Test
    void theRegistryFeedSendsEachChangeAsAServerSentEvent() throws Exception {
        HttpResponse<Stream<String>> feed = Http.client().send(Http.request(web.url("/registry/events")).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=utf-8");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> feed.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(":");
        Service late = new Service("go.micro.srv.late", "latest", Map.of(), List.of(),
                List.of(new Node("late-1", "127.0.0.1:2", Map.of())));
        try (Registration registration = Registration.register(cluster.registry(), late, TTL, Duration.ofMinutes(1))) {
            String event;
            do {
                event = lines.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("an event for go.micro.srv.late").isNotNull();
            } while (!event.contains("go.micro.srv.late"));
            assertThat(event).isEqualTo("data: {\"action\":\"create\",\"service\":\"go.micro.srv.late\"}");
        } finally {
            feed.body().close();
        }
    }

    @Test
    void theCallFormsStreamChatsWithABidirectionalEndpointOverAWebsocket() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = Http.client().newWebSocketBuilder()
                .buildAsync(URI.create(web.url("/client/stream?service=go.micro.api.test&endpoint=Echo.Chat")
                        .replace("http:", "ws:")), new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                received.add(data.toString());
                                webSocket.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        socket.sendText("{\"name\":\"Ann\"}", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"msg\":\"Hi Ann\"}");
        socket.sendText("{\"name\":\"Bob\"}", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"msg\":\"Hi Bob\"}");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

        assertThat(Http.get(web.url("/client?service=go.micro.api.test&format=json")).body())
                .contains("{\"name\":\"Echo.Chat\",\"skeleton\":\"{ }\",\"stream\":true}")
                .contains("{\"name\":\"Echo.Call\",");
        assertThat(Http.get(web.url("/client/stream?service=go.micro.api.test&endpoint=Echo.Chat")).body())
                .contains("\"code\":400").contains("opens a websocket");
    }

    @Test
    void theStylesheetAndScriptComeFromTheJar() {
        HttpResponse<String> script = Http.get(web.url("/dashboard.js"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
        assertThat(script.body()).contains("fetch(location.origin + '/rpc'");
        assertThat(Http.get(web.url("/dashboard.css")).body()).contains(".tiles");
    }

    @Test
    void rpcCallsAServiceAsTheGatewaysRpcDoes() {
        HttpResponse<String> response = Http.post(web.url("/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\","
                        + "\"request\":\"{\\\"name\\\":\\\"John\\\"}\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"msg\":\"Hello John\"}");
    }

    @Test
    void rpcObeysItsAllowList() {
        try (MicroWeb limited = MicroWeb.start(cluster, "micro.web.rpc.allowed-services=go.micro.api.*")) {
            HttpResponse<String> response = Http.post(limited.url("/rpc"), "application/json",
                    "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\","
                            + "\"request\":{\"name\":\"John\"}}");
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("micro.web.rpc.allowed-services");
            assertThatThrownBy(() -> Http.client().newWebSocketBuilder()
                    .buildAsync(URI.create(limited.url("/client/stream?service=go.micro.srv.greeter"
                            + "&endpoint=Say.Hello").replace("http:", "ws:")), new WebSocket.Listener() {
                            })
                    .join())
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, refused ->
                            assertThat(refused.getResponse().statusCode()).isEqualTo(403));

            HttpResponse<String> terminal = Http.post(limited.url("/terminal?format=json"),
                    "application/x-www-form-urlencoded", "line=call+go.micro.srv.greeter+Say.Hello");
            assertThat(terminal.statusCode()).isEqualTo(403);
            assertThat(terminal.body()).contains("\"code\":403", "micro.web.rpc.allowed-services");
            for (String line : List.of("health+go.micro.srv.greeter", "stats+go.micro.srv.greeter",
                    "call+go.micro.api.test+Echo.Call+--address+127.0.0.1%3A1")) {
                assertThat(Http.post(limited.url("/terminal?format=json"), "application/x-www-form-urlencoded",
                        "line=" + line).statusCode()).as(line).isEqualTo(403);
            }
            assertThat(Http.post(limited.url("/terminal?format=json"), "application/x-www-form-urlencoded",
                    "line=call+go.micro.api.test+Echo.Call+%7B%22name%22%3A%22Ann%22%7D").body())
                    .contains("Ann").doesNotContain("\"error\"");

            assertThat(Http.get(limited.url("/stats?service=go.micro.srv.greeter")).statusCode()).isEqualTo(403);
            assertThat(Http.get(limited.url("/stats?format=json")).body()).contains("go.micro.api.test")
                    .doesNotContain("go.micro.srv.greeter");
        }
    }

    @Test
    void theTerminalRunsListServicesAndShowsTheOutputInThePageWithoutJavaScript() {
        HttpResponse<String> page = Http.get(web.url("/terminal"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form id=\"terminal\" method=\"post\" action=\"/terminal\">")
                .contains("<input id=\"line\" name=\"line\"");

        HttpResponse<String> run = Http.post(web.url("/terminal"), "application/x-www-form-urlencoded",
                "line=list+services");
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("micro&gt; list services\n").contains("\ngo.micro.srv.greeter\n")
                .contains("\ngo.micro.web.greeter\n");
    }

    @Test
    void theTerminalCallsAServiceAndAnswersJson() {
        HttpResponse<String> run = Http.post(web.url("/terminal"), "application/json",
                "{\"line\": \"call go.micro.srv.greeter Say.Hello {\\\"name\\\": \\\"John\\\"}\"}",
                "Accept", "application/json");
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(run.body()).isEqualTo("{\"line\":\"call go.micro.srv.greeter Say.Hello {\\\"name\\\": "
                + "\\\"John\\\"}\",\"output\":\"{\\n  \\\"msg\\\" : \\\"Hello John\\\"\\n}\\n\"}");

        HttpResponse<String> json = Http.post(web.url("/terminal?format=json"), "application/x-www-form-urlencoded",
                "line=call+go.micro.srv.greeter+Say.Hello+%7B%22name%22%3A%22Ann%22%7D+--output+json");
        assertThat(json.body()).contains("\"output\":\"{\\\"msg\\\":\\\"Hello Ann\\\"}\\n\"");

        HttpResponse<String> published = Http.post(web.url("/terminal?format=json"),
                "application/x-www-form-urlencoded", "line=publish+web.terminal.topic+%7B%22n%22%3A1%7D");
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).isEqualTo("{\"line\":\"publish web.terminal.topic {\\\"n\\\":1}\","
                + "\"output\":\"published to web.terminal.topic\\n\"}");
    }

    @Test
    void theTerminalReportsAFailedCommandAsGoMicroErrorJson() {
        HttpResponse<String> unknown = Http.post(web.url("/terminal?format=json"), "application/x-www-form-urlencoded",
                "line=register+service+%7B%7D");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"error\":{\"id\":\"go.micro.cli\",\"code\":400,")
                .contains("register is not a command here").doesNotContain("Exception", "\tat ");

        HttpResponse<String> missing = Http.post(web.url("/terminal?format=json"), "application/x-www-form-urlencoded",
                "line=get+service+go.micro.srv.nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("service go.micro.srv.nothing not found");

        HttpResponse<String> flags = Http.post(web.url("/terminal?format=json"), "application/x-www-form-urlencoded",
                "line=list+services+--registry%3Detcd");
        assertThat(flags.statusCode()).isEqualTo(400);
        assertThat(flags.body()).contains("only --output may be given here");

        HttpResponse<String> html = Http.post(web.url("/terminal"), "application/x-www-form-urlencoded",
                "line=call+go.micro.srv.greeter");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("micro&gt; call go.micro.srv.greeter\n{&quot;id&quot;:&quot;go.micro.cli"
                + "&quot;,&quot;code&quot;:400");

        HttpResponse<String> put = Http.send(Http.request(web.url("/terminal"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void aPostOrStreamThatAPageOfAnotherSiteSendsIsRefused() {
        HttpResponse<String> forged = Http.post(web.url("/terminal"), "application/x-www-form-urlencoded",
                "line=publish+topic+%7B%7D", "Sec-Fetch-Site", "cross-site");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("\"id\":\"go.micro.web\"", "not from a page of another site");
        HttpResponse<String> forgedCall = Http.post(web.url("/rpc"), "application/json",
                "{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\"}", "Sec-Fetch-Site", "cross-site");
        assertThat(forgedCall.statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> Http.client().newWebSocketBuilder().header("Sec-Fetch-Site", "cross-site")
                .buildAsync(URI.create(web.url("/client/stream?service=go.micro.api.test&endpoint=Echo.Chat")
                        .replace("http:", "ws:")), new WebSocket.Listener() {
                        })
                .join())
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, refused ->
                        assertThat(refused.getResponse().statusCode()).isEqualTo(403));

        assertThat(Http.post(web.url("/terminal"), "application/x-www-form-urlencoded", "line=help",
                "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
        assertThat(Http.get(web.url("/registry"), "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(200);
    }

    @Test
    void theTerminalsHelpListsItsCommands() {
        HttpResponse<String> help = Http.post(web.url("/terminal?format=json"), "application/x-www-form-urlencoded",
                "line=help");
        assertThat(help.body()).contains("list services", "get service NAME", "call ", "SERVICE ENDPOINT [JSON]",
                "health ", "stats ", "publish TOPIC JSON")
                .doesNotContain("register service", "registry watch", "stream ");
        assertThat(Http.get(web.url("/terminal"), "Accept", "application/json").body())
                .startsWith("{").contains("\"commands\":[\"list\",\"get\",\"call\",\"health\",\"stats\","
                        + "\"publish\"]");
    }

    @Test
    void theTerminalEscapesWhatItShows() {
        HttpResponse<String> run = Http.post(web.url("/terminal"), "application/x-www-form-urlencoded",
                "line=get+service+go.micro.srv.evil");
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).doesNotContain("<script>alert", "<img src=x")
                .contains("&lt;script&gt;alert(&#39;node&#39;)&lt;/script&gt;")
                .contains("Evil.&lt;i&gt;Call&lt;/i&gt;");
    }

    @Test
    void theStatsPageShowsEachNodesHealthAndFigures() {
        HttpResponse<String> list = Http.get(web.url("/stats"));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<a href=\"/stats?service=go.micro.srv.greeter\">go.micro.srv.greeter</a>");

        HttpResponse<String> html = Http.get(web.url("/stats?service=go.micro.srv.greeter"));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<th>Health</th>", "<th>Uptime</th>", "<th>Threads</th>")
                .contains("<td class=\"healthy\">ok</td>");

        HttpResponse<String> json = Http.get(web.url("/stats?service=go.micro.srv.greeter&format=json"));
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode node = JSON.readTree(json.body()).get("nodes").get(0);
        assertThat(JSON.readTree(json.body()).get("service").asString()).isEqualTo("go.micro.srv.greeter");
        assertThat(node.get("status").asString()).isEqualTo("ok");
        assertThat(node.get("threads").asLong()).isPositive();
        assertThat(node.get("memory").asLong()).isPositive();
        assertThat(node.get("started").asLong()).isPositive();
    }

    @Test
    void theStatsPageReportsAnUnreachableNodeAndAnUnknownService() {
        String json = Http.get(web.url("/stats?service=go.micro.srv.evil&format=json")).body();
        assertThat(JSON.readTree(json).get("nodes").get(0).get("status").asString()).isEqualTo("unreachable");
        HttpResponse<String> html = Http.get(web.url("/stats?service=go.micro.srv.evil"));
        assertThat(html.body()).contains("<td class=\"unhealthy\">unreachable</td>");
        HttpResponse<String> missing = Http.get(web.url("/stats?service=go.micro.srv.nothing"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":404").contains("go.micro.srv.nothing");
    }

    @Test
    void withTheDashboardOffOnlyTheProxyIsLeft() {
        try (MicroWeb proxyOnly = MicroWeb.start(cluster, "micro.web.dashboard.enabled=false")) {
            assertThat(Http.get(proxyOnly.url("/greeter/web/hello?name=Jane")).body()).isEqualTo("Hello Jane");
            for (String path : List.of("/", "/registry", "/client", "/terminal", "/stats", "/dashboard.js")) {
                HttpResponse<String> response = Http.get(proxyOnly.url(path));
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.body()).as(path).contains("\"id\":\"go.micro.web\"");
            }
            HttpResponse<String> rpc = Http.post(proxyOnly.url("/rpc"), "application/json", "{}");
            assertThat(rpc.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void microWebRegistersNothingItself() {
        assertThat(cluster.registry().listServices()).extracting(Service::name)
                .filteredOn(name -> name.startsWith("go.micro.web."))
                .containsExactlyInAnyOrder("go.micro.web.greeter", "go.micro.web.headers");
        assertThat(cluster.registry().listServices()).extracting(Service::name).doesNotContain("micro-web");
    }
}
