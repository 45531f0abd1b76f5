package io.microspring.registry.consul;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.microspring.testing.FuzzingGuard;

/**
 * Fuzzes the decoding of a node's Consul tags, which any client of the Consul agent can write:
 * an input is the tags, one a line. Tags may only be refused with an
 * {@link IllegalArgumentException}; any other exception fails. Inputs: {@code ConsulTagsFuzzTestInputs}.
 */
class ConsulTagsFuzzTest {

    @RegisterExtension
    static final FuzzingGuard GUARD = new FuzzingGuard();

    @FuzzTest(maxDuration = "4s")
    void tagsFromTheAgent(byte[] input) {
        GUARD.ran();
        List<String> tags = List.of(new String(input, StandardCharsets.UTF_8).split("\n", -1));
        try {
            ConsulTags.decode(tags);
        } catch (IllegalArgumentException refused) {
            // the documented refusal of tags that are not go-micro's encoding
        }
    }
}
