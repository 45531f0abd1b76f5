package io.microspring.registry.etcd;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch.Listener;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;

/**
 * One watch of {@link EtcdRegistry}: the nodes under a prefix are read and reported as created,
 * then an etcd watch from the next revision reports every put (created or updated) and delete
 * (with the deleted value, so the listener knows the node's version). jetcd resumes the watch by
 * itself after a broken connection; should it give up, the watch is opened again after a pause
 * from the last revision seen.
 */
final class EtcdWatch implements Watch, Listener {

    private static final Logger log = LoggerFactory.getLogger(EtcdRegistry.class);
    private static final Duration REOPEN_PAUSE = Duration.ofSeconds(1);

    private final EtcdConnection etcd;
    private final String prefix;
    private final Consumer<RegistryEvent> listener;
    private final Consumer<EtcdWatch> onClose;
    private long nextRevision;
    private boolean closed;
    private boolean interrupted;
    private Watcher watcher;

    EtcdWatch(EtcdConnection etcd, String prefix, Consumer<RegistryEvent> listener, Consumer<EtcdWatch> onClose) {
        this.etcd = etcd;
        this.prefix = prefix;
        this.listener = listener;
        this.onClose = onClose;
    }

    /** Reports the current nodes, then watches from the revision after them. */
    void start() {
        GetResponse current = etcd.await(etcd.client().getKVClient().get(EtcdConnection.bytes(prefix),
                GetOption.builder().isPrefix(true).build()), "read " + prefix);
        for (KeyValue entry : current.getKvs()) {
            etcd.decode(entry).ifPresent(service -> deliver(RegistryEvent.Type.CREATE, service));
        }
        open(current.getHeader().getRevision() + 1);
    }

    @Override
    public void close() {
        Watcher current;
        synchronized (this) {
            closed = true;
            current = watcher;
        }
        if (current != null) {
            current.close();
        }
        onClose.accept(this);
    }

    @Override
    public void onNext(WatchResponse response) {
        synchronized (this) {
            if (interrupted) {
                interrupted = false;
                log.info("Registry [etcd] watch of {} on {} is back", prefix, etcd.where());
            }
        }
        for (WatchEvent event : response.getEvents()) {
            KeyValue entry = event.getKeyValue();
            synchronized (this) {
                nextRevision = Math.max(nextRevision, entry.getModRevision() + 1);
            }
            switch (event.getEventType()) {
                case PUT -> etcd.decode(entry).ifPresent(service -> deliver(
                        entry.getVersion() == 1 ? RegistryEvent.Type.CREATE : RegistryEvent.Type.UPDATE, service));
                case DELETE -> {
                    KeyValue previous = event.getPrevKV();
                    if (previous != null && !previous.getValue().isEmpty()) {
                        etcd.decode(previous).ifPresent(service -> deliver(RegistryEvent.Type.DELETE, service));
                    }
                }
                default -> {
                    // an event type this client does not know
                }
            }
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        if (closed) {
            return;
        }
        if (error instanceof CompactedException compacted) {
            // the revisions missed are gone: go on from the oldest one etcd still has
            nextRevision = compacted.getCompactedRevision();
        } else {
            etcd.failed(error);
        }
        if (!interrupted) {
            interrupted = true;
            log.warn("Registry [etcd] watch of {} on {} interrupted: {}; resuming", prefix, etcd.where(),
                    error.getMessage());
        }
    }

    @Override
    public synchronized void onCompleted() {
        if (!closed) {
            etcd.scheduler().schedule(() -> open(nextRevision), REOPEN_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // jetcd calls the listener methods holding its own lock: never call jetcd holding this one
    private void open(long fromRevision) {
        synchronized (this) {
            if (closed) {
                return;
            }
            nextRevision = fromRevision;
        }
        Watcher opened = etcd.client().getWatchClient().watch(EtcdConnection.bytes(prefix),
                WatchOption.builder().isPrefix(true).withPrevKV(true).withRevision(fromRevision).build(), this);
        boolean closedMeanwhile;
        synchronized (this) {
            closedMeanwhile = closed;
            watcher = opened;
        }
        if (closedMeanwhile) {
            opened.close();
        }
    }

    private void deliver(RegistryEvent.Type type, Service service) {
        try {
            listener.accept(new RegistryEvent(type, service));
        } catch (RuntimeException e) {
            log.warn("Registry [etcd] watch listener of {} failed on {} of {}: {}", prefix, type,
                    service.nodes().get(0).id(), e.toString());
        }
    }
}
