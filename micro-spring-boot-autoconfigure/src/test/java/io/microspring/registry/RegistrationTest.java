package io.microspring.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.microspring.registry.memory.MemoryRegistry;

class RegistrationTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofMillis(50);

    private final MemoryRegistry memory = new MemoryRegistry();
    private final FlakyRegistry registry = new FlakyRegistry(memory);
    private final Service service = WebService.of("go.micro.web.test", "latest", "127.0.0.1:8080", Map.of(), List.of());
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(Registration.class)).addAppender(log);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(Registration.class)).detachAppender(log);
        memory.close();
    }

    @Test
    void whenRegisteredThenTheServiceIsThereAtOnceAndGoneAfterClose() {
        Registration registration = Registration.register(registry, service, TTL, INTERVAL);
        assertThat(memory.getService("go.micro.web.test")).singleElement()
                .satisfies(found -> assertThat(found.nodes()).isEqualTo(service.nodes()));

        registration.close();
        assertThat(memory.getService("go.micro.web.test")).isEmpty();
        int afterClose = registry.registrations.get();
        sleep(INTERVAL.multipliedBy(4));
        assertThat(registry.registrations.get()).as("no heartbeat after close").isEqualTo(afterClose);
    }

    @Test
    void whenTheRegistryLosesItsStateThenTheHeartbeatRegistersAgain() {
        try (Registration registration = Registration.register(registry, service, TTL, INTERVAL)) {
            memory.deregister(registration.service()); // as a restarted registry forgets
            await().atMost(Duration.ofSeconds(5)).until(() -> !memory.getService("go.micro.web.test").isEmpty());
        }
    }

    @Test
    void whenTheRegistryIsDownForManyBeatsThenOneWarningAndOneRecoveryAreLogged() {
        try (Registration registration = Registration.register(registry, service, TTL, INTERVAL)) {
            registry.down.set(true);
            int before = registry.failures.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.failures.get() >= before + 5);
            memory.deregister(registration.service());
            registry.down.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> !memory.getService("go.micro.web.test").isEmpty());
            await().atMost(Duration.ofSeconds(5)).until(() -> messages(Level.INFO).stream()
                    .anyMatch(message -> message.contains("again")));
        }
        assertThat(messages(Level.WARN)).singleElement().asString()
                .contains("could not register node " + service.nodes().get(0).id())
                .contains("registry unreachable");
    }

    @Test
    void whenTheFirstRegistrationFailsThenRegisterThrowsAndRegisterEventuallyKeepsTrying() {
        registry.down.set(true);
        assertThatThrownBy(() -> Registration.register(registry, service, TTL, INTERVAL))
                .isInstanceOf(RegistryException.class);

        try (Registration registration = Registration.registerEventually(registry, service, TTL, INTERVAL)) {
            assertThat(memory.getService("go.micro.web.test")).isEmpty();
            registry.down.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> !memory.getService("go.micro.web.test").isEmpty());
        }
        assertThat(messages(Level.INFO)).anySatisfy(message -> assertThat(message)
                .startsWith("Registry [flaky] Registered node " + service.nodes().get(0).id()));
    }

    private List<String> messages(Level level) {
        return log.list.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A registry that fails every call while {@link #down} is set, counting registrations. */
    private static final class FlakyRegistry implements Registry {

        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger registrations = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        private final Registry delegate;

        FlakyRegistry(Registry delegate) {
            this.delegate = delegate;
        }

        @Override
        public void register(Service service, Duration ttl) {
            registrations.incrementAndGet();
            check();
            delegate.register(service, ttl);
        }

        @Override
        public void deregister(Service service) {
            check();
            delegate.deregister(service);
        }

        @Override
        public List<Service> getService(String name) {
            check();
            return delegate.getService(name);
        }

        @Override
        public List<Service> listServices() {
            check();
            return delegate.listServices();
        }

        @Override
        public Watch watch(String service, Consumer<RegistryEvent> listener) {
            return delegate.watch(service, listener);
        }

        @Override
        public String name() {
            return "flaky";
        }

        private void check() {
            if (down.get()) {
                failures.incrementAndGet();
                throw new RegistryException("registry unreachable");
            }
        }
    }
}
