package io.microspring.gatewaytest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import com.sun.net.httpserver.HttpServer;

import io.microspring.gateway.GatewayApplication;
import io.microspring.gatewaytest.echo.EchoApplication;
import io.microspring.gatewaytest.srv.SrvGreeterApplication;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registration;
import io.microspring.registry.Service;
import io.microspring.registry.WebService;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.samples.greeterapi.GreeterApiApplication;
import io.microspring.samples.greeterweb.GreeterWebApplication;
import io.microspring.server.ServerSettings;

/**
 * The real services behind the gateway in these tests, each a Spring application on its own
 * loopback ports, sharing one registry: {@code go.micro.srv.greeter}, {@code go.micro.api.test}
 * ({@link EchoApplication}), the samples greeter-api ({@code go.micro.api.greeter}) and greeter-web
 * ({@code go.micro.api.web}), an HTTP server echoing request headers ({@code go.micro.api.headers},
 * {@code /headers/**}, {@code /headers/slow} answering after three seconds) and a server that drops
 * every connection once it has read a request ({@code go.micro.api.dying} as an RPC service,
 * {@code go.micro.api.gone} as a web service under {@code /gone/**}). Gateways are started on
 * demand, one per set of properties, and shared too.
 */
public final class Cluster implements AutoCloseable {

    private final MemoryRegistry registry = new MemoryRegistry();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();

    private Cluster() {
    }

    static Cluster start() {
        Cluster cluster = new Cluster();
        try {
            cluster.startBackends();
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw new IllegalStateException("the test services did not start", e);
        }
        return cluster;
    }

    /** The registry every service and gateway of the cluster shares. */
    public MemoryRegistry registry() {
        return registry;
    }

    /** A gateway with {@code properties} ({@code micro.api.handler=rpc}) besides the cluster's registry. */
    public Gateway gateway(String... properties) {
        return gateways.computeIfAbsent(String.join(" ", properties), key -> {
            ConfigurableApplicationContext context = startApp(GatewayApplication.class, concat(properties,
                    "micro.api.address=127.0.0.1:0"));
            return new Gateway(context, Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
        });
    }

    /** Starts one more gateway that the caller stops (for shutdown tests). */
    public Gateway ownGateway(String... properties) {
        ConfigurableApplicationContext context = startApp(GatewayApplication.class, concat(properties,
                "micro.api.address=127.0.0.1:0"));
        return new Gateway(context, Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    @Override
    public void close() {
        gateways.values().forEach(Gateway::close);
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // best effort: the test JVM ends next
            }
        }
        registry.close();
    }

    private void startBackends() throws IOException {
        String rpcService = "spring.main.web-application-type=none";
        String loopback = "micro.server-address=127.0.0.1:0";
        running.add(startApp(SrvGreeterApplication.class, new String[] {rpcService, loopback}));
        running.add(startApp(EchoApplication.class, new String[] {rpcService, loopback}));
        running.add(startApp(GreeterApiApplication.class, new String[] {rpcService, loopback}));
        running.add(startApp(GreeterWebApplication.class, new String[] {"server.address=127.0.0.1", "server.port=0",
                "micro.web.name=go.micro.api.web", "micro.web.paths=/web/**"}));
        startHeaderEcho();
        startDropper();
    }

    /**
     * Starts {@code application} as a web app of {@code type} with {@code properties}, sharing the
     * cluster's registry; the caller closes it.
     */
    public ConfigurableApplicationContext startWebApp(Class<?> application, WebApplicationType type,
            String... properties) {
        return startApp(application, type, properties);
    }

    private ConfigurableApplicationContext startApp(Class<?> application, String[] properties) {
        return startApp(application, WebApplicationType.REACTIVE, properties);
    }

    private ConfigurableApplicationContext startApp(Class<?> application, WebApplicationType type,
            String[] properties) {
        String[] args = Arrays.stream(concat(properties, "micro.registry=memory", "spring.main.banner-mode=off"))
                .map(property -> "--" + property)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application)
                .web(type)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("sharedRegistry", registry);
                    // each web server on event loops of its own, so stopping one leaves the others running
                    ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
                        ReactorResourceFactory resources = new ReactorResourceFactory();
                        resources.setUseGlobalResources(false);
                        return resources;
                    });
                })
                .run(args);
    }

    private void startHeaderEcho() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/headers", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                    Thread.sleep(3000);
                }
                exchange.getRequestBody().readAllBytes();
                String body = exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
                        + exchange.getRequestHeaders().entrySet().stream()
                                .map(header -> header.getKey().toLowerCase() + ": " + String.join(",", header.getValue()))
                                .sorted()
                                .collect(Collectors.joining("\n"));
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        running.add(() -> server.stop(0));
        String address = "127.0.0.1:" + server.getAddress().getPort();
        running.add(registerWeb("go.micro.api.headers", address, "/headers/**"));
    }

    private void startDropper() throws IOException {
        DroppingServer dropper = DroppingServer.start("dropping-backend");
        running.add(dropper);
        registry.register(new Service("go.micro.api.dying", "latest", Map.of(),
                List.of(new Endpoint("Dying.Call", null, null, Map.of())),
                List.of(new Node("dying-1", dropper.address(), Map.of("protocol", "mucp")))), Duration.ofHours(1));
        running.add(registerWeb("go.micro.api.gone", dropper.address(), "/gone/**"));
    }

    /** Registers a plain HTTP server at {@code address} as web service {@code name} serving {@code path}. */
    public Registration registerWeb(String name, String address, String path) {
        return Registration.register(registry, WebService.of(name, ServerSettings.DEFAULT_VERSION, address, Map.of(),
                List.of(path)), ServerSettings.DEFAULT_REGISTER_TTL, ServerSettings.DEFAULT_REGISTER_INTERVAL);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /**
     * A running gateway.
     *
     * @param context its application context
     * @param port its loopback port
     */
    public record Gateway(ConfigurableApplicationContext context, int port) {

        /** {@code http://127.0.0.1:<port><path>}. */
        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        void close() {
            context.close();
        }
    }
}
