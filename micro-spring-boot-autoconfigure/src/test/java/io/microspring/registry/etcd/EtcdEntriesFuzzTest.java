package io.microspring.registry.etcd;

import org.junit.jupiter.api.extension.RegisterExtension;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.microspring.testing.FuzzingGuard;

/**
 * Fuzzes the decoding of a registry entry read from etcd, which any etcd client can write. An
 * entry may only be refused with an {@link IllegalArgumentException}; any other exception fails.
 * Inputs: {@code EtcdEntriesFuzzTestInputs}.
 */
class EtcdEntriesFuzzTest {

    @RegisterExtension
    static final FuzzingGuard GUARD = new FuzzingGuard();

    @FuzzTest(maxDuration = "4s")
    void entryFromEtcd(byte[] value) {
        GUARD.ran();
        try {
            EtcdEntries.decode(value);
        } catch (IllegalArgumentException refused) {
            // the documented refusal of a value that is not a go-micro service with a node
        }
    }
}
