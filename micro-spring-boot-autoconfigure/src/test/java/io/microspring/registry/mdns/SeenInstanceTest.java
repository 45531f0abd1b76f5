package io.microspring.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.mdns.DnsMessage.ResourceRecord;

class SeenInstanceTest {

    private static final MdnsNames NAMES = new MdnsNames("micro");

    @Test
    void takesTheAddressOfTheSrvTargetAsGoMicroNamesIt() {
        byte[] bytes = HexFormat.of().parseHex(DnsCodecTest.GO_RESPONSE);

        List<SeenInstance> instances = SeenInstance.parse(DnsCodec.decode(bytes, bytes.length));

        assertThat(instances).containsExactly(new SeenInstance("greeter-1.greeter.micro.", 8080,
                InetAddress.getLoopbackAddress(), List.of("abc", "def"), 120));
    }

    @Test
    void keepsInstancesOfOneMessageApart() throws Exception {
        DnsMessage message = response(
                ResourceRecord.srv("a.svc.micro.", 60, 10, 1, 1001, "host-a."),
                ResourceRecord.address("host-a.", 60, InetAddress.getByName("10.0.0.1")),
                ResourceRecord.txt("a.svc.micro.", 60, List.of("aa")),
                ResourceRecord.srv("B.svc.micro.", 30, 10, 1, 1002, "b.svc.micro."),
                ResourceRecord.address("b.svc.micro.", 30, InetAddress.getByName("fd00::2")),
                ResourceRecord.address("b.svc.micro.", 30, InetAddress.getByName("10.0.0.2")),
                ResourceRecord.txt("b.svc.micro.", 0, List.of("bb")));

        List<SeenInstance> instances = SeenInstance.parse(message);

        assertThat(instances).containsExactly(
                new SeenInstance("a.svc.micro.", 1001, InetAddress.getByName("10.0.0.1"), List.of("aa"), 60),
                new SeenInstance("B.svc.micro.", 1002, InetAddress.getByName("10.0.0.2"), List.of("bb"), 0));
        assertThat(instances.get(1).isGoodbye()).isTrue();
    }

    @Test
    void isTheOneNodeServiceGoMicroReads() {
        SeenInstance instance = new SeenInstance("greeter-1.go.micro.srv.greeter.micro.", 8080,
                InetAddress.getLoopbackAddress(), MdnsTxtTest.GO_TXT, 120);

        Service service = instance.toService(NAMES).orElseThrow();

        MdnsTxt txt = MdnsTxtTest.greeter();
        assertThat(service).isEqualTo(new Service("go.micro.srv.greeter", "1.0.0", Map.of(), txt.endpoints(),
                List.of(new Node("greeter-1", "127.0.0.1:8080", txt.metadata()))));
    }

    @Test
    void isNoNodeWithoutTxtOutsideItsServiceOrWithoutAddress() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // go-micro's listing entry: empty TXT
        assertThat(new SeenInstance("greeter._services.micro.", 9999, loopback, List.of(), 120).toService(NAMES))
                .isEmpty();
        assertThat(new SeenInstance("n.greeter.micro.", 1, loopback, null, 120).toService(NAMES)).isEmpty();
        // the TXT says go.micro.srv.greeter; the name is under another service or domain
        assertThat(new SeenInstance("n.other.micro.", 1, loopback, MdnsTxtTest.GO_TXT, 120).toService(NAMES))
                .isEmpty();
        assertThat(new SeenInstance("n.go.micro.srv.greeter.local.", 1, loopback, MdnsTxtTest.GO_TXT, 120)
                .toService(NAMES)).isEmpty();
        assertThat(new SeenInstance("n.go.micro.srv.greeter.micro.", 1, null, MdnsTxtTest.GO_TXT, 120)
                .toService(NAMES)).isEmpty();
        // a goodbye without address still names its node
        assertThat(new SeenInstance("n.go.micro.srv.greeter.micro.", 0, null, MdnsTxtTest.GO_TXT, 0)
                .toService(NAMES).orElseThrow().nodes().get(0).address()).isEmpty();
    }

    @Test
    void refusesACorruptTxt() {
        SeenInstance corrupt = new SeenInstance("n.svc.micro.", 1, InetAddress.getLoopbackAddress(),
                List.of("zz-not-hex"), 120);

        assertThatThrownBy(() -> corrupt.toService(NAMES)).isInstanceOf(IllegalArgumentException.class);
    }

    private static DnsMessage response(ResourceRecord... records) {
        return DnsMessage.response(0, 0, List.of(), List.of(records));
    }
}
