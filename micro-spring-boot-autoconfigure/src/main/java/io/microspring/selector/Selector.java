package io.microspring.selector;

import java.util.List;

import io.microspring.registry.Node;
import reactor.core.publisher.Mono;

/**
 * Picks the node of a service that the next call goes to, as go-micro's selector: nodes come from
 * the cached registry, pass the {@link NodeFilter filters}, then a {@link Strategy} chooses one.
 * Nodes that just failed at the connection level are {@linkplain #markFailed(String, Node) skipped}
 * for a while.
 */
public interface Selector {

    /**
     * A node of {@code service} that passes every filter, or a {@code MicroException}: 404 when the
     * service is not registered, 503 when no node passes the filters, 500 when the registry fails.
     */
    Mono<Node> select(String service, List<NodeFilter> filters);

    /** Reports that a connection to {@code node} failed, so that it is skipped for a cool-down. */
    void markFailed(String service, Node node);

    /**
     * Whether {@code service} registers {@code endpoint} as safe to call twice (endpoint metadata
     * {@code idempotent=true}); {@code false} when the selector does not know.
     */
    default Mono<Boolean> idempotent(String service, String endpoint) {
        return Mono.just(false);
    }
}
