package io.microspring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class DeadlinesTest {

    @Test
    void aCallThatAnswersInTimeKeepsItsAnswer() {
        assertThat(Deadlines.within(Mono.just("answer"), Duration.ofSeconds(30)).block()).isEqualTo("answer");
    }

    @Test
    void aCallPastItsDeadlineFailsWithATimeoutAndIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Mono<String> silent = Mono.<String>never().doOnCancel(() -> cancelled.set(true));
        assertThatThrownBy(() -> Deadlines.within(silent, Duration.ofMillis(50)).block(Duration.ofSeconds(30)))
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(cancelled).isTrue();
    }

    @Test
    void aDeadlineAlreadyPastFailsAtOnce() {
        assertThatThrownBy(() -> Deadlines.within(Mono.never(), Duration.ofMillis(-5)).block(Duration.ofSeconds(30)))
                .hasCauseInstanceOf(TimeoutException.class);
    }
}
