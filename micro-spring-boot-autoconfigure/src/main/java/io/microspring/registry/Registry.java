package io.microspring.registry;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Service discovery, as go-micro's registry: nodes register with a TTL and are found by service
 * name. Implementations are chosen by configuration ({@code micro.registry}): mdns, memory, etcd
 * or consul.
 *
 * <p>Calls may block on the network, except {@link #lookup}, which callers on an event loop use;
 * the caching registry answers it from memory. Failures to reach the registry are reported as
 * {@link RegistryException}.
 */
public interface Registry extends AutoCloseable {

    /** Adds or refreshes the nodes of {@code service}; they expire unless registered again within {@code ttl}. */
    void register(Service service, Duration ttl);

    /** Removes the nodes of {@code service} at once. */
    void deregister(Service service);

    /** Every version of {@code name} with its live nodes; empty when there is none. */
    List<Service> getService(String name);

    /**
     * {@link #getService} without blocking the caller: the default runs it on Reactor's bounded
     * elastic threads; the caching registry answers from its cache.
     */
    default Mono<List<Service>> lookup(String name) {
        return Mono.fromCallable(() -> getService(name)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Every service known, without nodes. */
    List<Service> listServices();

    /** Calls {@code listener} for each change of {@code service} (or of every service when {@code null}). */
    Watch watch(String service, Consumer<RegistryEvent> listener);

    /** The implementation's name, written into node metadata: {@code mdns}, {@code etcd} ... */
    String name();

    /** Releases connections and threads; the default does nothing. */
    @Override
    default void close() {
    }
}
