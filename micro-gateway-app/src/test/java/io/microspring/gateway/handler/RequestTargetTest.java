package io.microspring.gateway.handler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which request targets the routes ahead of WebFlux split themselves, and which they leave to WebFlux's URI parse. */
class RequestTargetTest {

    @Test
    void anOriginFormTargetSplitsIntoRawPathAndQuery() {
        assertThat(RequestTarget.of("/greeter/say/hello")).hasValue(new RequestTarget("/greeter/say/hello", null));
        assertThat(RequestTarget.of("/a%20b/c?x=1&y=%2F")).hasValue(new RequestTarget("/a%20b/c", "x=1&y=%2F"));
        assertThat(RequestTarget.of("/rpc?")).hasValue(new RequestTarget("/rpc", ""));
        assertThat(RequestTarget.of("/a?b?c")).hasValue(new RequestTarget("/a", "b?c"));
    }

    @Test
    void otherTargetsAreLeftToWebFlux() {
        assertThat(RequestTarget.of("http://host/rpc")).isEmpty();
        assertThat(RequestTarget.of("*")).isEmpty();
        assertThat(RequestTarget.of("")).isEmpty();
        assertThat(RequestTarget.of("/a b")).isEmpty();
        assertThat(RequestTarget.of("/a|b")).isEmpty();
        assertThat(RequestTarget.of("/a#frag")).isEmpty();
        assertThat(RequestTarget.of("/a?x=%zz")).isEmpty();
        assertThat(RequestTarget.of("/a%2")).isEmpty();
        assertThat(RequestTarget.of("/caf\u00e9")).isEmpty();
    }
}
