package io.microspring.registry.mdns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.Value;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of {@link MdnsGoInteropIT} that runs inside a private network namespace, next to real
 * go-micro programs using go-micro's mDNS registry. It prints what it observes, one line each, for
 * the test to check:
 * <ol>
 * <li>{@code GO_READY <address>}: {@code greeter-srv --registry=mdns} has registered;</li>
 * <li>{@code EVENT CREATE <service json>}: the watch of our {@link MdnsRegistry} heard its announcement;</li>
 * <li>{@code GET <services json>} and {@code LIST <services json>}: our lookups;</li>
 * <li>{@code GO_LIST <json>}: {@code greeter-client --registry=mdns --list} after we registered a node;</li>
 * <li>{@code EVENT DELETE <service json>}: the watch heard greeter-srv's goodbye when it stopped;</li>
 * <li>{@code DONE}.</li>
 * </ol>
 * Arguments: {@code <greeter-srv> <greeter-client> <go service name> <java service name>}.
 */
public final class MdnsGoInteropMain {

    /** The node this side registers for go-micro to find. */
    static final Service JAVA_NODE_TEMPLATE = new Service("", "3.0.0", Map.of(),
            List.of(new Endpoint("Java.Echo", new Value("EchoRequest", "EchoRequest",
                    List.of(new Value("text", "string", null))), new Value("EchoResponse", "EchoResponse", null),
                    Map.of("stream", "false"))),
            List.of(new Node("java-1", "127.0.0.1:19100", Map.of("protocol", "mucp", "origin", "java"))));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MdnsGoInteropMain() {
    }

    public static void main(String[] args) throws Exception {
        String greeterSrv = args[0];
        String greeterClient = args[1];
        String goService = args[2];
        Service javaService = new Service(args[3], JAVA_NODE_TEMPLATE.version(), null, JAVA_NODE_TEMPLATE.endpoints(),
                JAVA_NODE_TEMPLATE.nodes());
        BlockingQueue<RegistryEvent> events = new LinkedBlockingQueue<>();
        try (MdnsRegistry registry = new MdnsRegistry()) {
            registry.watch(goService, events::add);

            Process go = new ProcessBuilder(greeterSrv, "--registry=mdns", "--name=" + goService, "--version=1.2.3",
                    "--metadata=origin=go").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Runtime.getRuntime().addShutdownHook(new Thread(go::destroyForcibly));
            try {
                BufferedReader goOut = new BufferedReader(new InputStreamReader(go.getInputStream(),
                        StandardCharsets.UTF_8));
                String ready = goOut.readLine();
                print("GO_READY " + (ready == null ? "(greeter-srv ended)" : ready.replaceFirst("^READY ", "")));
                print("EVENT " + describe(events.poll(5, TimeUnit.SECONDS)));
                print("GET " + JSON.writeValueAsString(registry.getService(goService)));
                print("LIST " + JSON.writeValueAsString(registry.listServices()));

                registry.register(javaService, Duration.ofMinutes(1));
                print("GO_LIST " + run(greeterClient, "--registry=mdns", "--list"));

                events.clear();
                go.destroy();
                go.waitFor(10, TimeUnit.SECONDS);
                print("EVENT " + describe(events.poll(3, TimeUnit.SECONDS)));
            } finally {
                go.destroyForcibly();
            }
            registry.deregister(javaService);
        }
        print("DONE");
    }

    private static String describe(RegistryEvent event) {
        return event == null ? "NONE" : event.type() + " " + JSON.writeValueAsString(event.service());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(30, TimeUnit.SECONDS);
        return out.replace('\n', ' ');
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
