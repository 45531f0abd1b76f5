package io.microspring.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Base of the JUnit 5 extensions that run a cluster of real servers on loopback: the members
 * start together (a member of a consensus cluster is ready only once a quorum runs) before the
 * first test of the class and are closed after the last. Each member is an {@link ExternalServer}
 * of its own, so a test can {@link ExternalServer#kill() kill} and {@link ExternalServer#start()
 * restart} one on the same ports and data.
 *
 * @param <M> the type of the members
 */
public abstract class ServerCluster<M extends ExternalServer> implements BeforeAllCallback, AfterAllCallback,
        AutoCloseable {

    private final List<M> members = new ArrayList<>();

    /** Adds a member; subclasses call it from their constructor. */
    protected final void add(M member) {
        members.add(member);
    }

    /** The members, in the order they were added. */
    public final List<M> members() {
        return List.copyOf(members);
    }

    /** The running members that match {@code filter}. */
    public final List<M> running(Predicate<M> filter) {
        return members.stream().filter(ExternalServer::isRunning).filter(filter).toList();
    }

    /**
     * The member {@code lookup} finds, asking every 100 ms for up to {@code timeout}; fails naming
     * {@code what} was looked for and which members run.
     */
    protected final M await(String what, Duration timeout, Supplier<Optional<M>> lookup) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<M> found = lookup.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + timeout + " (running: "
                        + running(member -> true).stream().map(ExternalServer::name).toList() + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Starts the members that are not running, all at once, and waits until each answers. */
    public final void start() {
        List<CompletableFuture<Void>> starts = members.stream()
                .map(member -> CompletableFuture.runAsync(member::start, runnable -> new Thread(runnable,
                        "start-" + member.name()).start()))
                .toList();
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Stops every member and deletes their temp directories. */
    @Override
    public final void close() {
        members.forEach(ExternalServer::close);
    }

    @Override
    public final void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public final void afterAll(ExtensionContext context) {
        close();
    }
}
