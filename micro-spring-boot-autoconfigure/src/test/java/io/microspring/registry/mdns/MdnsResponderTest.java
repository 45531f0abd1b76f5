package io.microspring.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.mdns.DnsMessage.Question;
import io.microspring.registry.mdns.DnsMessage.ResourceRecord;
import io.microspring.registry.mdns.MdnsResponder.Instance;

class MdnsResponderTest {

    private static final MdnsNames NAMES = new MdnsNames("micro");
    private static final InetAddress ANY = address("0.0.0.0");

    private final List<Instance> nodes = new ArrayList<>();
    private final MdnsResponder responder = new MdnsResponder(NAMES, () -> nodes);

    private final Instance greeter1 = node("greeter", "g-1", "10.0.0.1", 8001, 90);
    private final Instance greeter2 = node("greeter", "g-2", "fd00::2", 8002, 90);
    private final Instance other = node("other", "o-1", "10.0.0.3", 8003, 30);

    @Test
    void answersAServiceQueryWithOneMessagePerNodeAsGoMicroExpects() {
        nodes.addAll(List.of(greeter1, greeter2, other));
        DnsMessage query = DnsMessage.query("greeter.micro.", DnsMessage.TYPE_PTR);

        List<DnsMessage> answers = responder.answer(query);

        assertThat(answers).hasSize(2);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.id()).isZero();
            assertThat(answer.flags()).isEqualTo(DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE);
            assertThat(answer.questions()).isEqualTo(query.questions());
        });
        assertThat(answers.get(0).answers()).containsExactly(
                ResourceRecord.ptr("greeter.micro.", 90, "g-1.greeter.micro."),
                ResourceRecord.srv("g-1.greeter.micro.", 90, 10, 1, 8001, "g-1.greeter.micro."),
                ResourceRecord.address("g-1.greeter.micro.", 90, address("10.0.0.1")),
                ResourceRecord.txt("g-1.greeter.micro.", 90, greeter1.txt()));
        assertThat(answers.get(1).answers().get(2).type()).isEqualTo(DnsMessage.TYPE_AAAA);
    }

    @Test
    void answersWithTheQueryIdOnlyWhenAUnicastResponseIsAsked() {
        nodes.add(greeter1);
        DnsMessage unicast = new DnsMessage(0x4242, 0, List.of(new Question("GREETER.micro.", DnsMessage.TYPE_ANY,
                DnsMessage.CLASS_IN | DnsMessage.UNICAST_RESPONSE_BIT)), List.of(), List.of(), List.of());
        DnsMessage multicast = new DnsMessage(0x4242, 0, List.of(new Question("greeter.micro.", DnsMessage.TYPE_PTR,
                DnsMessage.CLASS_IN)), List.of(), List.of(), List.of());

        assertThat(responder.answer(unicast)).singleElement().extracting(DnsMessage::id).isEqualTo(0x4242);
        assertThat(responder.answer(multicast)).singleElement().extracting(DnsMessage::id).isEqualTo(0);
    }

    @Test
    void answersInstanceQueriesByType() {
        nodes.add(greeter1);
        String name = "g-1.greeter.micro.";
        ResourceRecord srv = ResourceRecord.srv(name, 90, 10, 1, 8001, name);
        ResourceRecord a = ResourceRecord.address(name, 90, address("10.0.0.1"));
        ResourceRecord txt = ResourceRecord.txt(name, 90, greeter1.txt());

        assertThat(answers(name, DnsMessage.TYPE_ANY)).containsExactly(srv, a, txt);
        assertThat(answers(name, DnsMessage.TYPE_SRV)).containsExactly(srv, a);
        assertThat(answers(name, DnsMessage.TYPE_TXT)).containsExactly(txt);
        assertThat(answers(name, DnsMessage.TYPE_A)).containsExactly(a);
        assertThat(answers(name, DnsMessage.TYPE_AAAA)).isEmpty();
        assertThat(answers(name, DnsMessage.TYPE_PTR)).isEmpty();
        assertThat(answers("g-9.greeter.micro.", DnsMessage.TYPE_ANY)).isEmpty();
        assertThat(answers("greeter.local.", DnsMessage.TYPE_PTR)).isEmpty();
    }

    @Test
    void listsEachServiceWithAnEntryLikeGoMicrosWildcard() {
        nodes.addAll(List.of(greeter1, greeter2, other));

        List<DnsMessage> answers = responder.answer(DnsMessage.query("_services.micro.", DnsMessage.TYPE_PTR));

        assertThat(answers).hasSize(2);
        String entry = "greeter._services.micro.";
        assertThat(answers.get(0).answers()).containsExactly(
                ResourceRecord.ptr("_services.micro.", 120, entry),
                ResourceRecord.srv(entry, 120, 10, 1, 9999, entry),
                ResourceRecord.address(entry, 120, ANY),
                ResourceRecord.txt(entry, 120, List.of()));
        assertThat(answers.get(1).answers().get(0)).isEqualTo(
                ResourceRecord.ptr("_services.micro.", 120, "other._services.micro."));
        assertThat(answers(entry, DnsMessage.TYPE_TXT)).containsExactly(ResourceRecord.txt(entry, 120, List.of()));
    }

    @Test
    void enumeratesServiceTypes() {
        nodes.addAll(List.of(greeter1, greeter2, other));

        List<DnsMessage> answers = responder.answer(DnsMessage.query("_services._dns-sd._udp.micro.",
                DnsMessage.TYPE_PTR));

        assertThat(answers).singleElement().satisfies(answer -> assertThat(answer.answers()).containsExactly(
                ResourceRecord.ptr("_services._dns-sd._udp.micro.", 120, "greeter.micro."),
                ResourceRecord.ptr("_services._dns-sd._udp.micro.", 120, "other.micro."),
                ResourceRecord.ptr("_services._dns-sd._udp.micro.", 120, "_services.micro.")));
    }

    @Test
    void answersNothingWithoutNodesAndNothingToResponsesOrOtherOpcodes() {
        assertThat(responder.answer(DnsMessage.query("_services.micro.", DnsMessage.TYPE_PTR))).isEmpty();
        nodes.add(greeter1);
        List<Question> question = List.of(new Question("greeter.micro.", DnsMessage.TYPE_PTR, DnsMessage.CLASS_IN));

        assertThat(responder.answer(DnsMessage.response(0, 0, question, List.of()))).isEmpty();
        assertThat(responder.answer(new DnsMessage(0, 5 << 11, question, List.of(), List.of(), List.of()))).isEmpty();
        assertThat(responder.answer(new DnsMessage(0, 3, question, List.of(), List.of(), List.of()))).isEmpty();
        assertThat(responder.answer(new DnsMessage(0, DnsMessage.FLAG_TRUNCATED, question, List.of(), List.of(),
                List.of()))).hasSize(1);
    }

    @Test
    void announcesAndSaysGoodbyeWithTheNodesRecords() {
        DnsMessage announcement = responder.announcement(greeter1);
        DnsMessage goodbye = responder.goodbye(greeter1);

        assertThat(announcement.questions()).isEmpty();
        assertThat(announcement.isResponse()).isTrue();
        assertThat(announcement.answers()).extracting(ResourceRecord::type).containsExactly(DnsMessage.TYPE_PTR,
                DnsMessage.TYPE_SRV, DnsMessage.TYPE_A, DnsMessage.TYPE_TXT);
        assertThat(announcement.answers()).extracting(ResourceRecord::ttl).containsOnly(90L);
        assertThat(goodbye.answers()).extracting(ResourceRecord::ttl).containsOnly(0L);
    }

    @Test
    void whatItSendsReadsBackAsTheNode() {
        nodes.add(greeter1);
        DnsMessage answer = responder.answer(DnsMessage.query("greeter.micro.", DnsMessage.TYPE_PTR)).get(0);
        byte[] bytes = DnsCodec.encode(answer);

        SeenInstance seen = SeenInstance.parse(DnsCodec.decode(bytes, bytes.length)).get(0);

        assertThat(seen.toService(NAMES)).contains(new Service("greeter", "1.2.3", Map.of(), List.of(),
                List.of(new Node("g-1", "10.0.0.1:8001", Map.of("id", "g-1")))));
    }

    private List<ResourceRecord> answers(String name, int type) {
        return responder.answer(DnsMessage.query(name, type)).stream().flatMap(m -> m.answers().stream()).toList();
    }

    private static Instance node(String service, String id, String ip, int port, long ttl) {
        List<String> txt = new MdnsTxt(Map.of("id", id), service, "1.2.3", List.of()).encode();
        return new Instance(service, NAMES.service(service), NAMES.instance(id, service), port, address(ip), txt, ttl);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
