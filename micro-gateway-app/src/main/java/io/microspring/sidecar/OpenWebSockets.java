package io.microspring.sidecar;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sidecar's open websockets (registry watches, broker subscriptions), closed with "going away"
 * when the sidecar stops, before the web server's graceful shutdown: they never end by themselves,
 * so that shutdown would otherwise wait for them until its timeout.
 */
final class OpenWebSockets implements SmartLifecycle {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Set<WebSocketSession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** Runs {@code work} on {@code session}, which is closed on stop while it runs. */
    Mono<Void> serve(WebSocketSession session, Mono<Void> work) {
        return Mono.defer(() -> {
            open.add(session);
            return work.doFinally(signal -> open.remove(session));
        });
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Flux.fromIterable(open)
                .flatMap(session -> session.close(CloseStatus.GOING_AWAY).onErrorResume(error -> Mono.empty()))
                .then()
                .block(CLOSE_TIMEOUT);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
