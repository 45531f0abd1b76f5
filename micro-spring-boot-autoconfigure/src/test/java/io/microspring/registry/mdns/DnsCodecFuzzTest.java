package io.microspring.registry.mdns;

import org.junit.jupiter.api.extension.RegisterExtension;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.microspring.testing.FuzzingGuard;

/**
 * Fuzzes what the mDNS registry does with a packet from the network: decodes the DNS message,
 * finds the instances it describes and reads each one's TXT record into a service. A packet may
 * only be refused with an {@link IllegalArgumentException} (which the socket logs and drops);
 * any other exception fails. Inputs: {@code DnsCodecFuzzTestInputs}.
 */
class DnsCodecFuzzTest {

    @RegisterExtension
    static final FuzzingGuard GUARD = new FuzzingGuard();

    private static final MdnsNames NAMES = new MdnsNames("micro");

    @FuzzTest(maxDuration = "4s")
    void packetFromTheNetwork(byte[] packet) {
        GUARD.ran();
        try {
            DnsMessage message = DnsCodec.decode(packet, packet.length);
            for (SeenInstance instance : SeenInstance.parse(message)) {
                instance.toService(NAMES);
            }
        } catch (IllegalArgumentException refused) {
            // the documented refusal of a malformed packet
        }
    }
}
