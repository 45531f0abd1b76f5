package io.microspring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import reactor.core.publisher.Mono;

/** Both timers: Netty's hashed wheel ({@code jdk} false) and the JDK's scheduler. */
class DeadlinesTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCallThatAnswersInTimeKeepsItsAnswer(boolean jdk) {
        assertThat(within(jdk, Mono.just("answer"), Duration.ofSeconds(30)).block()).isEqualTo("answer");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCallPastItsDeadlineFailsWithATimeoutAndIsCancelled(boolean jdk) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Mono<String> silent = Mono.<String>never().doOnCancel(() -> cancelled.set(true));
        assertThatThrownBy(() -> within(jdk, silent, Duration.ofMillis(50)).block(Duration.ofSeconds(30)))
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(cancelled).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDeadlineAlreadyPastFailsAtOnce(boolean jdk) {
        assertThatThrownBy(() -> within(jdk, Mono.<String>never(), Duration.ofMillis(-5)).block(Duration.ofSeconds(30)))
                .hasCauseInstanceOf(TimeoutException.class);
    }

    private static Mono<String> within(boolean jdk, Mono<String> call, Duration timeout) {
        return jdk ? Deadlines.withinOnJdkScheduler(call, timeout) : Deadlines.within(call, timeout);
    }
}
