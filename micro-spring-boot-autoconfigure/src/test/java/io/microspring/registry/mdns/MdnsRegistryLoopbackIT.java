package io.microspring.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.microspring.registry.Node;
import io.microspring.registry.RegistryEvent;
import io.microspring.registry.RegistryEvent.Type;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.registry.mdns.DnsMessage.ResourceRecord;

/** {@link MdnsRegistry}s in this JVM, over the loopback interface. */
class MdnsRegistryLoopbackIT {

    private final String service = "mdns-loop-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void heartbeatsNeitherDuplicateNodesNorEvents() {
        MdnsRegistry a = open();
        MdnsRegistry b = open();
        List<RegistryEvent> local = watch(a);
        List<RegistryEvent> remote = watch(b);
        Service one = service("1.0.0", node("n1", "127.0.0.1:19001", Map.of("k", "v")));

        for (int i = 0; i < 5; i++) {
            a.register(one, Duration.ofSeconds(30));
        }

        assertThat(b.getService(service)).singleElement().extracting(Service::nodes).isEqualTo(one.nodes());
        assertThat(a.getService(service)).singleElement().extracting(Service::nodes).isEqualTo(one.nodes());
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(local).extracting(RegistryEvent::type).containsExactly(Type.CREATE);
        assertThat(remote).extracting(RegistryEvent::type).containsExactly(Type.CREATE);
    }

    @Test
    void reportsChangesLocallyAndElsewhere() {
        MdnsRegistry a = open();
        MdnsRegistry b = open();
        List<RegistryEvent> local = watch(a);
        List<RegistryEvent> remote = watch(b);

        a.register(service("1.0.0", node("n1", "127.0.0.1:19002", Map.of())), Duration.ofSeconds(30));
        a.register(service("1.0.0", node("n1", "127.0.0.1:19002", Map.of("changed", "yes"))), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(1)).until(() -> remote.size() == 2);
        a.deregister(service("1.0.0", node("n1", "127.0.0.1:19002", Map.of())));

        List<Type> expected = List.of(Type.CREATE, Type.UPDATE, Type.DELETE);
        await().atMost(Duration.ofSeconds(1)).until(() -> local.size() == 3 && remote.size() == 3);
        assertThat(local).extracting(RegistryEvent::type).isEqualTo(expected);
        assertThat(remote).extracting(RegistryEvent::type).isEqualTo(expected);
        assertThat(remote.get(1).service().nodes().get(0).metadata()).containsEntry("changed", "yes");
        assertThat(b.getService(service)).isEmpty();
    }

    @Test
    void groupsNodesByVersionAndListsServices() {
        MdnsRegistry a = open();
        MdnsRegistry b = open();
        a.register(service("1.0.0", node("n1", "127.0.0.1:19003", Map.of()), node("n2", "127.0.0.1:19004", Map.of())),
                Duration.ofSeconds(30));
        b.register(service("2.0.0", node("n3", "[::1]:19005", Map.of())), Duration.ofSeconds(30));
        b.register(new Service(service + "-other", "1", null, null, List.of(node("o1", "127.0.0.1:19006", Map.of()))),
                Duration.ofSeconds(30));

        List<Service> versions = a.getService(service);

        assertThat(versions).extracting(Service::version).containsExactlyInAnyOrder("1.0.0", "2.0.0");
        assertThat(versions).flatExtracting(Service::nodes).extracting(Node::address)
                .containsExactlyInAnyOrder("127.0.0.1:19003", "127.0.0.1:19004", "[::1]:19005");
        assertThat(a.listServices()).extracting(Service::name).contains(service, service + "-other");
        assertThat(b.listServices()).extracting(Service::name).contains(service, service + "-other");
    }

    @Test
    void dropsANodeNotRegisteredAgainWithinItsTtl() {
        MdnsRegistry a = open();
        MdnsRegistry b = open();
        List<RegistryEvent> remote = watch(b);

        a.register(service("1.0.0", node("n1", "127.0.0.1:19007", Map.of())), Duration.ofSeconds(1));

        // b's expiry and a's own (which sends a goodbye) run on separate clocks: an answer of a's in
        // between shows the node once more before the goodbye, and a goodbye of a node no longer known
        // is reported too (MdnsWatchersTest); what must hold is that the node ends gone, for good
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.size() >= 2
                && remote.get(remote.size() - 1).type() == Type.DELETE && b.getService(service).isEmpty());
        assertThat(remote).extracting(RegistryEvent::type).startsWith(Type.CREATE, Type.DELETE)
                .containsOnly(Type.CREATE, Type.DELETE);
        assertThat(a.getService(service)).isEmpty();
    }

    @Test
    void skipsCorruptTxtRecordsOfOthers() throws Exception {
        MdnsRegistry good = open();
        MdnsRegistry b = open();
        List<RegistryEvent> remote = watch(b);
        CorruptResponder corrupt = new CorruptResponder(service);
        toClose.add(corrupt);
        good.register(service("1.0.0", node("good-1", "127.0.0.1:19008", Map.of())), Duration.ofSeconds(30));

        assertThat(b.getService(service)).flatExtracting(Service::nodes).extracting(Node::id)
                .containsExactly("good-1");
        corrupt.announce();
        good.register(service("1.0.0", node("good-2", "127.0.0.1:19009", Map.of())), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(1)).until(() -> remote.size() == 2);
        assertThat(remote).extracting(e -> e.service().nodes().get(0).id()).containsExactly("good-1", "good-2");
        assertThat(corrupt.queriesAnswered()).isPositive();
    }

    @Test
    void refusesNodesMdnsCannotCarry() {
        MdnsRegistry a = open();

        assertThatThrownBy(() -> a.register(service("1", node("n1", "localhost:80", Map.of())), Duration.ZERO))
                .isInstanceOf(RegistryException.class).hasMessageContaining("must be an IP address");
        assertThatThrownBy(() -> a.register(service("1", node("n1", "127.0.0.1", Map.of())), Duration.ZERO))
                .isInstanceOf(RegistryException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> a.register(service("1", node("x".repeat(64), "127.0.0.1:1", Map.of())),
                Duration.ZERO)).isInstanceOf(RegistryException.class).hasMessageContaining("63 bytes");
        assertThat(a.getService(service)).isEmpty();
    }

    @Test
    void namesAMissingInterfaceAndTheSetting() {
        MdnsSettings settings = new MdnsSettings(List.of("no-such-if0"), "micro", Duration.ofMillis(100));

        assertThatThrownBy(() -> new MdnsRegistry(settings)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("micro.mdns.interfaces").hasMessageContaining("no-such-if0")
                .hasMessageContaining("lo");
    }

    @Test
    void closeSaysGoodbyeAndStopsItsThreads() {
        long before = mdnsThreads();
        MdnsRegistry a = new MdnsRegistry();
        MdnsRegistry b = open();
        List<RegistryEvent> remote = watch(b);
        a.register(service("1.0.0", node("n1", "127.0.0.1:19010", Map.of())), Duration.ofSeconds(30));
        assertThat(mdnsThreads()).isEqualTo(before + 4);

        a.close();
        a.close();

        assertThat(mdnsThreads()).isEqualTo(before + 2);
        await().atMost(Duration.ofSeconds(1)).until(() -> remote.size() == 2);
        assertThat(remote).extracting(RegistryEvent::type).containsExactly(Type.CREATE, Type.DELETE);
        assertThatThrownBy(() -> a.getService(service)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("closed");
    }

    /**
     * With a settle time, a lookup ends once the answers stop, not at its (here one minute) timeout;
     * the listing still listens its whole timeout, so it is not asked here.
     */
    @Test
    void aLookupWithASettleTimeEndsOnceTheAnswersStop() {
        MdnsRegistry a = open();
        MdnsRegistry b = new MdnsRegistry(new MdnsSettings(MdnsSettings.DEFAULT_INTERFACES, MdnsSettings.DEFAULT_DOMAIN,
                Duration.ofMinutes(1), Duration.ofMillis(50)));
        toClose.add(b);
        Service one = service("1.0.0", node("n1", "127.0.0.1:19009", Map.of()));
        a.register(one, Duration.ofSeconds(30));

        List<Service> found = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> b.getService(service));
        assertThat(found).singleElement().extracting(Service::nodes).isEqualTo(one.nodes());
    }

    private MdnsRegistry open() {
        MdnsRegistry registry = new MdnsRegistry();
        toClose.add(registry);
        return registry;
    }

    private List<RegistryEvent> watch(MdnsRegistry registry) {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        registry.watch(service, events::add);
        return events;
    }

    private Service service(String version, Node... nodes) {
        return new Service(service, version, null, null, List.of(nodes));
    }

    private static Node node(String id, String address, Map<String, String> metadata) {
        return new Node(id, address, metadata);
    }

    private static long mdnsThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("micro-mdns-")).count();
    }

    /** Another "process" whose nodes carry TXT records that are not go-micro's encoding. */
    private static final class CorruptResponder implements AutoCloseable {

        private final MdnsNames names = new MdnsNames("micro");
        private final String service;
        private final DatagramChannel channel;
        private final Thread thread;
        private volatile int answered;

        CorruptResponder(String service) throws IOException {
            this.service = service;
            NetworkInterface lo = NetworkInterface.getByName("lo");
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
            channel.bind(new InetSocketAddress(5353));
            channel.join(MdnsSocket.GROUP.getAddress(), lo);
            thread = new Thread(this::answer, "corrupt-responder");
            thread.setDaemon(true);
            thread.start();
        }

        int queriesAnswered() {
            return answered;
        }

        void announce() throws IOException {
            channel.send(ByteBuffer.wrap(DnsCodec.encode(response(List.of(), "bad-3", List.of("zz")))),
                    MdnsSocket.GROUP);
        }

        private void answer() {
            ByteBuffer buffer = ByteBuffer.allocate(65_535);
            try {
                while (true) {
                    InetSocketAddress from = (InetSocketAddress) channel.receive(buffer.clear());
                    DnsMessage query;
                    try {
                        query = DnsCodec.decode(buffer.array(), buffer.position());
                    } catch (IllegalArgumentException e) {
                        System.err.println("corrupt-responder: ignored a message from " + from + ": " + e.getMessage()
                                + ": " + HexFormat.of().formatHex(buffer.array(), 0, buffer.position()));
                        continue;
                    }
                    if (!query.isResponse() && query.questions().stream()
                            .anyMatch(q -> MdnsNames.same(q.name(), names.service(service)))) {
                        String notZlib = "00112233";
                        String notJson = MdnsTxtTest.deflate("[1]");
                        for (String txt : List.of("not hex", notZlib, notJson)) {
                            channel.send(ByteBuffer.wrap(DnsCodec.encode(response(query.questions(),
                                    "bad-" + txt.length(), List.of(txt)))), from);
                        }
                        answered++;
                    }
                }
            } catch (ClosedChannelException closed) {
                // done
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(e);
            }
        }

        private DnsMessage response(List<DnsMessage.Question> questions, String id, List<String> txt) {
            String instance = names.instance(id, service);
            return DnsMessage.response(0, DnsMessage.FLAG_AUTHORITATIVE, questions, List.of(
                    ResourceRecord.ptr(names.service(service), 120, instance),
                    ResourceRecord.srv(instance, 120, 10, 1, 1234, instance),
                    ResourceRecord.address(instance, 120, InetAddress.getLoopbackAddress()),
                    ResourceRecord.txt(instance, 120, txt)));
        }

        @Override
        public void close() throws Exception {
            channel.close();
            thread.join(1000);
        }
    }
}
