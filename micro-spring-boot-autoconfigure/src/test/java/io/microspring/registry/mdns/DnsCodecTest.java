package io.microspring.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.microspring.registry.mdns.DnsMessage.Address;
import io.microspring.registry.mdns.DnsMessage.Opaque;
import io.microspring.registry.mdns.DnsMessage.Ptr;
import io.microspring.registry.mdns.DnsMessage.Question;
import io.microspring.registry.mdns.DnsMessage.ResourceRecord;
import io.microspring.registry.mdns.DnsMessage.Srv;
import io.microspring.registry.mdns.DnsMessage.Txt;

class DnsCodecTest {

    /**
     * A response packed by github.com/miekg/dns v1.1.50 (go-micro's DNS library) the way go-micro's
     * mDNS server packs its answers (compressed): question PTR greeter.micro.; answers PTR to
     * greeter-1.greeter.micro., SRV 10 1 8080 myhost., A myhost. 127.0.0.1, TXT "abc" "def"; TTL 120.
     */
    static final String GO_RESPONSE = "0000840000010004000000000767726565746572056d6963726f00000c0001c00c000c0001"
            + "00000078000c09677265657465722d31c00cc02b0021000100000078000e000a00011f90066d79686f737400c0490001000100"
            + "00007800047f000001c02b001000010000007800080361626303646566";

    /** miekg/dns's packing of go-micro's query: id 0x1234, no flags, PTR greeter.micro. class IN. */
    static final String GO_QUERY = "1234000000010000000000000767726565746572056d6963726f00000c0001";

    @Test
    void readsACompressedGoMicroResponse() {
        DnsMessage message = decode(GO_RESPONSE);

        assertThat(message.id()).isZero();
        assertThat(message.isResponse()).isTrue();
        assertThat(message.flags() & DnsMessage.FLAG_AUTHORITATIVE).isNotZero();
        assertThat(message.questions()).containsExactly(new Question("greeter.micro.", DnsMessage.TYPE_PTR, 1));
        assertThat(message.answers()).containsExactly(
                ResourceRecord.ptr("greeter.micro.", 120, "greeter-1.greeter.micro."),
                ResourceRecord.srv("greeter-1.greeter.micro.", 120, 10, 1, 8080, "myhost."),
                ResourceRecord.address("myhost.", 120, InetAddress.getLoopbackAddress()),
                ResourceRecord.txt("greeter-1.greeter.micro.", 120, List.of("abc", "def")));
        assertThat(message.authorities()).isEmpty();
        assertThat(message.additionals()).isEmpty();
    }

    @Test
    void writesQueriesByteForByteAsGoMicro() {
        DnsMessage query = new DnsMessage(0x1234, 0, List.of(new Question("greeter.micro.", DnsMessage.TYPE_PTR, 1)),
                List.of(), List.of(), List.of());

        assertThat(HexFormat.of().formatHex(DnsCodec.encode(query))).isEqualTo(GO_QUERY);
        assertThat(decode(GO_QUERY)).isEqualTo(query);
    }

    @Test
    void writesAndReadsEveryRecordKind() throws Exception {
        DnsMessage message = new DnsMessage(7, DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE,
                List.of(new Question("svc.micro.", DnsMessage.TYPE_ANY, 1 | DnsMessage.UNICAST_RESPONSE_BIT)),
                List.of(ResourceRecord.ptr("svc.micro.", 0, "n1.svc.micro."),
                        ResourceRecord.srv("n1.svc.micro.", 4_000_000_000L, 10, 1, 65_535, "n1.svc.micro."),
                        ResourceRecord.address("n1.svc.micro.", 5, InetAddress.getByName("10.1.2.3")),
                        ResourceRecord.address("n1.svc.micro.", 5, InetAddress.getByName("fd00::2")),
                        ResourceRecord.txt("n1.svc.micro.", 5, List.of()),
                        ResourceRecord.txt("n1.svc.micro.", 5, List.of("", "x".repeat(255), "é"))),
                List.of(new ResourceRecord("n1.svc.micro.", 47, 0x8001, 120, new Opaque(new byte[] {1, 2, 3}))),
                List.of(ResourceRecord.ptr(".", 1, "a.")));

        DnsMessage read = DnsCodec.decode(DnsCodec.encode(message), DnsCodec.encode(message).length);

        assertThat(read.questions()).isEqualTo(message.questions());
        assertThat(read.questions().get(0).wantsUnicastResponse()).isTrue();
        assertThat(read.answers()).isEqualTo(message.answers());
        assertThat(read.answers().get(3).type()).isEqualTo(DnsMessage.TYPE_AAAA);
        assertThat(read.additionals()).isEqualTo(message.additionals());
        ResourceRecord opaque = read.authorities().get(0);
        assertThat(opaque.type()).isEqualTo(47);
        assertThat(opaque.dnsClass()).isEqualTo(0x8001);
        assertThat(((Opaque) opaque.data()).bytes()).containsExactly(1, 2, 3);
        assertThat(read.id()).isEqualTo(7);
        assertThat(read.isResponse()).isTrue();
    }

    @Test
    void readsOnlyTheGivenLength() {
        byte[] bytes = HexFormat.of().parseHex(GO_QUERY + "ffffffff");

        assertThat(DnsCodec.decode(bytes, bytes.length - 4).questions()).hasSize(1);
    }

    @Test
    void escapesDotsInsideLabels() {
        // one label "a.b" then "micro"
        byte[] bytes = HexFormat.of().parseHex("000000000001000000000000" + "03612e62056d6963726f00" + "000c0001");

        assertThat(DnsCodec.decode(bytes, bytes.length).questions().get(0).name()).isEqualTo("a\\.b.micro.");
    }

    @Test
    void refusesMalformedMessages() {
        byte[] response = HexFormat.of().parseHex(GO_RESPONSE);
        assertMalformed(Arrays.copyOf(response, response.length - 3), "ends too early");
        assertMalformed(Arrays.copyOf(response, 5), "ends too early");
        // a name pointer to itself, then one pointing forward
        assertMalformed(HexFormat.of().parseHex("000000000001000000000000c00c000c0001"), "point back");
        assertMalformed(HexFormat.of().parseHex("000000000001000000000000c010000c0001"), "point back");
        // extended label type 0x40
        assertMalformed(HexFormat.of().parseHex("00000000000100000000000041000c0001"), "label type");
        // an A record with 5 bytes of data
        assertMalformed(HexFormat.of().parseHex("000084000000000100000000" + "0161000001000100000078" + "00057f00000101"),
                "address of 5 bytes");
        // a PTR whose name runs past its data length
        assertMalformed(HexFormat.of().parseHex("000084000000000100000000" + "016100000c000100000078" + "0001"
                + "0162" + "00"), "does not match its length");
    }

    @Test
    void refusesNamesDnsCannotCarry() {
        assertThatThrownBy(() -> DnsCodec.encode(DnsMessage.query("x".repeat(64) + ".micro.", DnsMessage.TYPE_PTR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 63 bytes");
        assertThatThrownBy(() -> DnsCodec.encode(DnsMessage.query("a..micro.", DnsMessage.TYPE_PTR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        String longName = ("x".repeat(60) + ".").repeat(5);
        assertThatThrownBy(() -> DnsCodec.encode(DnsMessage.query(longName, DnsMessage.TYPE_PTR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 255 bytes");
        assertThatThrownBy(() -> DnsCodec.encode(DnsMessage.response(0, 0, List.of(),
                List.of(ResourceRecord.txt("a.", 1, List.of("x".repeat(256)))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TXT");
    }

    @Test
    void dataTypesMatchRecordTypes() {
        DnsMessage message = decode(GO_RESPONSE);

        assertThat(message.answers()).extracting(ResourceRecord::data).hasExactlyElementsOfTypes(Ptr.class, Srv.class,
                Address.class, Txt.class);
    }

    private static DnsMessage decode(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return DnsCodec.decode(bytes, bytes.length);
    }

    private static void assertMalformed(byte[] bytes, String why) {
        assertThatThrownBy(() -> DnsCodec.decode(bytes, bytes.length)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}
