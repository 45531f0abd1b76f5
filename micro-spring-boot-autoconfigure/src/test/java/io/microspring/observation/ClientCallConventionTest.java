package io.microspring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.common.KeyValues;
import io.microspring.metadata.Metadata;

/** The tags of a client call's attempt, made once per service, endpoint, code and retry. */
class ClientCallConventionTest {

    private final ClientCallConvention convention = new ClientCallConvention(2);

    @Test
    void whenAttemptsDifferInOutcomeOrRetryThenEachHasItsOwnTags() {
        assertThat(tags(attempt("greeter", "Say.Hello", 0, Outcome.SUCCESS))).containsExactly(
                "code=none", "endpoint=Say.Hello", "outcome=SUCCESS", "retry=0", "service=greeter");
        assertThat(tags(attempt("greeter", "Say.Hello", 1, new Outcome(500)))).containsExactly(
                "code=500", "endpoint=Say.Hello", "outcome=SERVER_ERROR", "retry=1", "service=greeter");
        assertThat(tags(attempt("greeter", "Say.Hello", 0, Outcome.TIMEOUT))).containsExactly(
                "code=408", "endpoint=Say.Hello", "outcome=CLIENT_ERROR", "retry=0", "service=greeter");
    }

    @Test
    void whenTheSameAttemptIsRecordedAgainThenItsTagsAreTheOnesMadeTheFirstTime() {
        KeyValues first = convention.getLowCardinalityKeyValues(attempt("greeter", "Say.Hello", 0, Outcome.SUCCESS));

        assertThat(convention.getLowCardinalityKeyValues(attempt("greeter", "Say.Hello", 0, Outcome.SUCCESS)))
                .isSameAs(first);
    }

    @Test
    void whenMoreServicesAreCalledThanTheLimitThenTheLaterOnesAreRecordedAsOther() {
        convention.getLowCardinalityKeyValues(attempt("a", "E.One", 0, Outcome.SUCCESS));
        convention.getLowCardinalityKeyValues(attempt("b", "E.One", 0, Outcome.SUCCESS));

        assertThat(tags(attempt("c", "E.One", 0, Outcome.SUCCESS))).contains("service=other");
        assertThat(tags(attempt("a", "E.One", 1, Outcome.SUCCESS))).contains("service=a");
    }

    private String[] tags(ClientCallObservationContext context) {
        return convention.getLowCardinalityKeyValues(context).stream()
                .map(tag -> tag.getKey() + "=" + tag.getValue()).toArray(String[]::new);
    }

    private static ClientCallObservationContext attempt(String service, String endpoint, int retry, Outcome outcome) {
        ClientCallObservationContext context = new ClientCallObservationContext(service, endpoint, retry,
                Metadata.builder());
        context.outcome(outcome);
        return context;
    }
}
