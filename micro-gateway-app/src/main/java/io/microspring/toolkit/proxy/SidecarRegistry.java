package io.microspring.toolkit.proxy;

import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.microspring.errors.MicroException;
import io.microspring.internal.Durations;
import io.microspring.registry.Registry;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;
import io.microspring.registry.internal.RegistryJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The registry as a {@code micro sidecar} shows it at {@code /registry}: {@code GET} lists, and
 * with {@code ?service=} looks up; {@code POST ?ttl=} registers, {@code DELETE} deregisters; a
 * websocket on it is the watch. A registration without a TTL gets the sidecar's
 * ({@code micro.register-ttl}). Errors the sidecar answers are passed on as its go-micro errors.
 */
final class SidecarRegistry implements Registry {

    private static final TypeReference<List<Service>> SERVICES = new TypeReference<>() {
    };
    private static final String JSON = "application/json";

    private final SidecarHttp http;

    SidecarRegistry(SidecarHttp http) {
        this.http = http;
    }

    @Override
    public void register(Service service, Duration ttl) {
        HttpRequest.Builder request = Durations.isPositive(ttl)
                ? http.request(SidecarHttp.REGISTRY, "ttl", ttl.toMillis() + "ms")
                : http.request(SidecarHttp.REGISTRY);
        http.sendBlocking(request.header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(RegistryJson.mapper().writeValueAsBytes(service)))
                .build());
    }

    @Override
    public void deregister(Service service) {
        http.sendBlocking(http.request(SidecarHttp.REGISTRY).header("Content-Type", JSON)
                .method("DELETE", HttpRequest.BodyPublishers.ofByteArray(
                        RegistryJson.mapper().writeValueAsBytes(service)))
                .build());
    }

    @Override
    public List<Service> getService(String name) {
        try {
            return services(http.sendBlocking(http.request(SidecarHttp.REGISTRY, "service", name).GET().build()));
        } catch (MicroException e) {
            if (e.code() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public List<Service> listServices() {
        return services(http.sendBlocking(http.request(SidecarHttp.REGISTRY).GET().build()));
    }

    /** A websocket on {@code /registry}; each text frame {@code {"action","service"}} is one event. */
    @Override
    public Watch watch(String service, Consumer<RegistryEvent> listener) {
        String[] query = service == null ? new String[0] : new String[] {"service", service};
        WebSocket socket;
        try {
            socket = http.client().newWebSocketBuilder()
                    .buildAsync(http.uri("ws", SidecarHttp.REGISTRY, query), new Events(listener))
                    .join();
        } catch (CompletionException e) {
            throw http.unreachable(e.getCause());
        }
        return () -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(error -> null);
    }

    @Override
    public String name() {
        return "sidecar " + http.address();
    }

    private List<Service> services(byte[] body) {
        try {
            return RegistryJson.mapper().readValue(body, SERVICES);
        } catch (JacksonException e) {
            throw new RegistryException("micro sidecar at " + http.address() + " answered what is not a list of "
                    + "services: " + e.getOriginalMessage(), e);
        }
    }

    /** Collects the (possibly split) text frames of the watch and hands each event on. */
    private static final class Events implements WebSocket.Listener {

        private final Consumer<RegistryEvent> listener;
        private final StringBuilder frame = new StringBuilder();

        Events(Consumer<RegistryEvent> listener) {
            this.listener = listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                String text = frame.toString();
                frame.setLength(0);
                JsonNode event = RegistryJson.mapper().readTree(text.getBytes(StandardCharsets.UTF_8));
                RegistryEvent.Type type = RegistryEvent.Type.valueOf(
                        event.get("action").asString().toUpperCase(Locale.ROOT));
                listener.accept(new RegistryEvent(type,
                        RegistryJson.mapper().treeToValue(event.get("service"), Service.class)));
            }
            socket.request(1);
            return null;
        }
    }
}
