package io.microspring.registry.etcd;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.microspring.net.HostPort;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * The jetcd client of one {@link EtcdRegistry} and the thread it schedules on.
 * <ul>
 * <li>Every request is bounded by the configured timeout; a failure becomes a
 * {@link RegistryException} naming the etcd addresses.</li>
 * <li>When etcd cannot be reached (gRPC reports it unavailable), its port is probed every
 * {@value #PROBE_MILLIS} ms and, once it answers, the client is replaced by a new one: gRPC's own
 * reconnection backs off up to two minutes, longer than a lease lives. Closing the old client ends
 * its watches (which open again on the new client) and keep-alives (whose nodes the next heartbeat
 * registers again). A request that times out, or that etcd answers with an error of its own (such
 * as {@code etcdserver: no leader} from a cluster without quorum), does not replace the client:
 * etcd was reached, and a new connection would be no better.</li>
 * <li>Entries that are not go-micro services are skipped with one warning per key.</li>
 * </ul>
 */
final class EtcdConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EtcdRegistry.class);
    private static final int MAX_WARNED = 1024;
    private static final long PROBE_MILLIS = 500;
    private static final int PROBE_CONNECT_MILLIS = 500;
    /** How etcd begins the description of an error it sends itself. */
    private static final String SERVER_ERROR_PREFIX = "etcdserver: ";

    private final EtcdSettings settings;
    private final String where;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile Client client;
    private volatile boolean closed;

    EtcdConnection(EtcdSettings settings) {
        this.settings = settings;
        this.where = "etcd at " + String.join(",", settings.addresses());
        this.client = newClient(settings);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "micro-etcd");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The current client; a new one replaces it after etcd was unreachable. */
    Client client() {
        return client;
    }

    /** The thread for delayed work (watches opening again). */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The result of {@code request}, waiting at most the timeout; {@code what} names the request in errors. */
    <T> T await(CompletableFuture<T> request, String what) {
        try {
            return request.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.cancel(true);
            throw new RegistryException(where + " did not answer within " + settings.timeout() + " (" + what
                    + "); check that etcd runs there and micro.registry-address", e);
        } catch (ExecutionException e) {
            failed(e.getCause());
            throw new RegistryException(where + " failed to " + what + ": " + rootMessage(e.getCause())
                    + "; check that etcd runs there and micro.registry-address", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting for " + where + " to " + what, e);
        }
    }

    /** Reports a failed request or watch: when etcd could not be reached, the client is replaced once it can be. */
    void failed(Throwable error) {
        if (isUnreachable(error)) {
            unreachable();
        }
    }

    private void unreachable() {
        if (!closed && probing.compareAndSet(false, true)) {
            scheduler.schedule(this::probe, PROBE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The service stored in {@code entry}, or empty (with a warning the first time) when it is not one. */
    Optional<Service> decode(KeyValue entry) {
        try {
            return Optional.of(EtcdEntries.decode(entry.getValue().getBytes()));
        } catch (IllegalArgumentException e) {
            String key = entry.getKey().toString(StandardCharsets.UTF_8);
            if (warned.size() < MAX_WARNED && warned.add(key)) {
                log.warn("Registry [etcd] skipping {} in {}: {}", key, where, e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** Names the etcd cluster in messages: {@code etcd at host:port,...}. */
    String where() {
        return where;
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        client.close();
    }

    private void probe() {
        if (closed) {
            return;
        }
        if (!anyAddressAnswers()) {
            scheduler.schedule(this::probe, PROBE_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        Client previous = client;
        client = newClient(settings);
        probing.set(false);
        log.info("Registry [etcd] {} answers again: reconnected", where);
        previous.close();
    }

    private boolean anyAddressAnswers() {
        for (String address : settings.addresses()) {
            try (Socket socket = new Socket()) {
                socket.connect(HostPort.parse(address).socketAddress(), PROBE_CONNECT_MILLIS);
                return true;
            } catch (IOException e) {
                // not this one
            }
        }
        return false;
    }

    /** Whether {@code error} says that etcd could not be reached, rather than that it answered with an error. */
    static boolean isUnreachable(Throwable error) {
        // "etcdserver: no leader" is also UNAVAILABLE, but etcd itself answered it
        if (error instanceof EtcdException etcd) {
            return etcd.getErrorCode() == ErrorCode.UNAVAILABLE && !fromEtcdServer(etcd.getMessage());
        }
        Status status = Status.fromThrowable(error);
        return status.getCode() == Status.Code.UNAVAILABLE && !fromEtcdServer(status.getDescription());
    }

    private static boolean fromEtcdServer(String description) {
        return description != null && description.contains(SERVER_ERROR_PREFIX);
    }

    private static Client newClient(EtcdSettings settings) {
        ClientBuilder builder = Client.builder()
                .endpoints(settings.endpoints().toArray(String[]::new))
                .connectTimeout(settings.timeout())
                // fail at once while etcd is unreachable instead of queueing requests until it is back
                .waitForReady(false);
        if (!settings.username().isEmpty()) {
            builder.user(bytes(settings.username())).password(bytes(settings.password()));
        }
        if (settings.tls() != null) {
            builder.sslContext(sslContext(settings.tls()));
        }
        return builder.build();
    }

    private static SslContext sslContext(EtcdSettings.Tls tls) {
        SslContextBuilder builder = GrpcSslContexts.forClient();
        if (tls.keyManagers() != null) {
            builder.keyManager(tls.keyManagers());
        }
        if (tls.trustManagers() != null) {
            builder.trustManager(tls.trustManagers());
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("micro.etcd.tls cannot be used: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == error || error.getMessage() == null ? message : error.getMessage() + " (" + message + ")";
    }
}
