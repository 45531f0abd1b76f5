package io.microspring.registry.consul;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.http.impl.client.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ecwid.consul.v1.ConsulRawClient;
import com.ecwid.consul.v1.health.model.Check;

import io.microspring.registry.RegistryEvent;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.registry.Watch;

/**
 * One watch of {@link ConsulRegistry}, on a thread of its own with an HTTP connection of its own,
 * both ended by {@link #close()}. Blocking queries wait (up to {@link ConsulSettings#watchWait()})
 * for Consul's index to move; each answer is compared with the nodes known so far, and the
 * differences are reported: first every current node as created, then created, updated (a
 * changed node) and deleted (deregistered, or its check went critical) nodes.
 * <ul>
 * <li>One service: a blocking query of its health endpoint.</li>
 * <li>Every service ({@code null}): a blocking query of every check
 * ({@code /v1/health/state/any}); the services whose checks changed are then looked up. Instances
 * registered without a check are not seen.</li>
 * </ul>
 * When the agent cannot be reached the watch retries with a growing pause and reports nothing, so
 * that callers keep their nodes. When it comes back with a lower index it has lost its state (a
 * dev agent restarted): the nodes then missing are kept for {@link ConsulSettings#restartGrace()},
 * while their servers register them again, and only reported deleted if still missing after it.
 */
final class ConsulWatch implements Watch {

    private static final Logger log = LoggerFactory.getLogger(ConsulRegistry.class);
    private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);

    private final ConsulAgent agent;
    private final String service;
    private final Consumer<RegistryEvent> listener;
    private final ConsulSettings settings;
    private final Consumer<ConsulWatch> onClose;
    private final CloseableHttpClient http;
    private final ConsulRawClient client;
    private final Thread thread;
    private volatile boolean closed;

    // touched by the watch thread only
    private final Map<String, Map<String, Service>> known = new HashMap<>();
    private Map<String, String> checksByService = Map.of();
    private long index;
    private long highestIndex;
    private boolean recovering;
    private long graceEndsNanos;
    private boolean inGrace;

    ConsulWatch(ConsulAgent agent, String service, Consumer<RegistryEvent> listener, ConsulSettings settings,
            Consumer<ConsulWatch> onClose) {
        this.agent = agent;
        this.service = service;
        this.listener = listener;
        this.settings = settings;
        this.onClose = onClose;
        this.http = agent.watchHttpClient();
        this.client = agent.rawClient(http);
        this.thread = new Thread(this::run, "micro-consul-watch-" + (service == null ? "*" : service));
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            http.close(); // ends the blocking query in progress
        } catch (IOException e) {
            log.debug("Closing the watch client of {}: {}", agent.where(), e.toString());
        }
        onClose.accept(this);
    }

    private void run() {
        Duration pause = FIRST_RETRY_PAUSE;
        while (!closed) {
            try {
                if (service == null) {
                    pollEveryService();
                } else {
                    pollService();
                }
                pause = FIRST_RETRY_PAUSE;
            } catch (RuntimeException e) {
                if (closed) {
                    return; // the client was closed under the query in progress
                }
                if (!recovering) {
                    log.warn("Registry [consul] watch of {} interrupted: {}; retrying", describe(),
                            e instanceof RegistryException ? e.getMessage() : e.toString());
                }
                recovering = true;
                index = 0; // the next answer comes at once, whatever the agent's index now is
                if (!sleep(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private void pollService() {
        ConsulAgent.Nodes answer = agent.health(client, service, index, nextWait());
        accept(answer.index());
        update(service, answer.nodes());
    }

    private void pollEveryService() {
        ConsulAgent.Checks answer = agent.checks(client, index, nextWait());
        accept(answer.index());
        Map<String, String> current = fingerprints(answer.checks());
        Set<String> names = new HashSet<>(current.keySet());
        names.addAll(checksByService.keySet());
        names.addAll(known.keySet());
        for (String name : names) {
            if (!Objects.equals(current.get(name), checksByService.get(name))) {
                update(name, current.containsKey(name) ? agent.health(name).nodes() : List.of());
            }
        }
        checksByService = current;
    }

    /** Takes the index of an answer; an index lower than before after an outage means the agent lost its state. */
    private void accept(long answerIndex) {
        if (recovering) {
            log.info("Registry [consul] watch of {} is back", describe());
            if (answerIndex < highestIndex) {
                log.info("Registry [consul] {} restarted with empty state: keeping the nodes it lost for {} while "
                        + "they register again", agent.where(), settings.restartGrace());
                inGrace = true;
                graceEndsNanos = System.nanoTime() + settings.restartGrace().toNanos();
                highestIndex = answerIndex;
            }
            recovering = false;
        }
        highestIndex = Math.max(highestIndex, answerIndex);
        index = Math.max(1, answerIndex);
        if (inGrace && System.nanoTime() - graceEndsNanos >= 0) {
            inGrace = false;
            index = 0; // look at everything once more, now reporting what is still missing
            checksByService = Map.of();
        }
    }

    private Duration nextWait() {
        if (!inGrace) {
            return settings.watchWait();
        }
        Duration left = Duration.ofNanos(graceEndsNanos - System.nanoTime());
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : left.compareTo(settings.watchWait()) > 0 ? settings.watchWait() : left;
    }

    private void update(String name, List<Service> nodes) {
        Map<String, Service> before = known.getOrDefault(name, Map.of());
        Map<String, Service> after = new LinkedHashMap<>();
        for (Service node : nodes) {
            after.put(node.nodes().get(0).id(), node);
        }
        List<RegistryEvent> events = new ArrayList<>();
        after.forEach((id, node) -> {
            Service previous = before.get(id);
            if (previous == null) {
                events.add(new RegistryEvent(RegistryEvent.Type.CREATE, node));
            } else if (!previous.version().equals(node.version())) {
                events.add(new RegistryEvent(RegistryEvent.Type.DELETE, previous));
                events.add(new RegistryEvent(RegistryEvent.Type.CREATE, node));
            } else if (!previous.equals(node)) {
                events.add(new RegistryEvent(RegistryEvent.Type.UPDATE, node));
            }
        });
        before.forEach((id, node) -> {
            if (!after.containsKey(id)) {
                if (inGrace) {
                    after.put(id, node);
                } else {
                    events.add(new RegistryEvent(RegistryEvent.Type.DELETE, node));
                }
            }
        });
        if (after.isEmpty()) {
            known.remove(name);
        } else {
            known.put(name, after);
        }
        events.forEach(this::deliver);
    }

    private void deliver(RegistryEvent event) {
        if (closed) {
            return;
        }
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            log.warn("Registry [consul] watch listener of {} failed on {} of {}: {}", describe(), event.type(),
                    event.service().nodes().get(0).id(), e.toString());
        }
    }

    /** Per service, what its checks say: instance, status and modify index of each. */
    private static Map<String, String> fingerprints(List<Check> checks) {
        Map<String, TreeMap<String, String>> byService = new HashMap<>();
        for (Check check : checks) {
            if (check.getServiceName() != null && !check.getServiceName().isEmpty()) {
                byService.computeIfAbsent(check.getServiceName(), name -> new TreeMap<>())
                        .put(check.getServiceId() + "/" + check.getCheckId(), check.getStatus() + "@" + check.getModifyIndex());
            }
        }
        Map<String, String> fingerprints = new HashMap<>();
        byService.forEach((name, states) -> fingerprints.put(name, states.toString()));
        return fingerprints;
    }

    private String describe() {
        return (service == null ? "every service" : service) + " on " + agent.where();
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
