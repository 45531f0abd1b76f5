package io.microspring.toolkit.command;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.microspring.client.CallOptions;
import io.microspring.errors.MicroException;
import io.microspring.net.HostPort;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Calls an endpoint of go-micro's Debug service on every node of a service at once. A node that
 * does not answer it is checked at the transport level: a TCP connection to its address tells a
 * node without the Debug service ({@link #NO_DEBUG}) from one that cannot be reached.
 */
final class DebugProbe {

    /** What a reachable node without the Debug service is reported as. */
    static final String NO_DEBUG = "reachable, no Debug service";
    /** What a node that takes no connection is reported as. */
    static final String UNREACHABLE = "unreachable";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private DebugProbe() {
    }

    /** The answer of one node: its response, or {@code null} with what was found instead. */
    record Answer<T>(Node node, T response, String problem, String detail) {
    }

    /** Calls {@code endpoint} of every node of {@code service} with {@code request}, expecting {@code responseType}. */
    static <T> List<Answer<T>> ask(Toolkit toolkit, String service, String endpoint, Object request,
            Class<T> responseType, Duration timeout) {
        if (service == null || service.isBlank()) {
            throw MicroException.badRequest(Command.ID, "name the service whose nodes to ask for %s", endpoint);
        }
        List<Service> versions = Registries.call(toolkit, "look up service " + service,
                registry -> registry.getService(service));
        List<Node> nodes = new ArrayList<>();
        versions.forEach(version -> nodes.addAll(version.nodes()));
        if (nodes.isEmpty()) {
            throw MicroException.notFound(Command.ID, "service %s not found", service);
        }
        return Flux.fromIterable(nodes)
                .flatMapSequential(node -> ask(toolkit, service, endpoint, request, responseType, timeout, node))
                .collectList()
                .block();
    }

    private static <T> Mono<Answer<T>> ask(Toolkit toolkit, String service, String endpoint, Object request,
            Class<T> responseType, Duration timeout, Node node) {
        CallOptions.Builder options = CallOptions.builder().address(node.address()).retries(0);
        if (timeout != null) {
            options.requestTimeout(timeout);
        }
        return toolkit.client().call(service, endpoint, request, responseType, options.build())
                .map(response -> new Answer<>(node, response, null, null))
                .onErrorResume(error -> Mono.fromCallable(() -> new Answer<T>(node, null,
                        accepts(node.address()) ? NO_DEBUG : UNREACHABLE, detail(error)))
                        .subscribeOn(Schedulers.boundedElastic()));
    }

    private static String detail(Throwable error) {
        return error instanceof MicroException micro ? micro.detail() : String.valueOf(error.getMessage());
    }

    /** Whether a TCP connection to {@code address} ({@code host:port}) can be opened. */
    private static boolean accepts(String address) {
        InetSocketAddress node;
        try {
            node = HostPort.parse(address).requireHost().socketAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(node, (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
