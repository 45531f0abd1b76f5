package io.microspring.registry.mdns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.microspring.net.HostPort;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.mdns.DnsMessage.Address;
import io.microspring.registry.mdns.DnsMessage.ResourceRecord;
import io.microspring.registry.mdns.DnsMessage.Srv;
import io.microspring.registry.mdns.DnsMessage.Txt;

/**
 * One instance described by a response message: the SRV and TXT records of one name, with the
 * address of the SRV target from the same message (go-micro names its A records after the host,
 * which several nodes share, so an address only means something next to its SRV record).
 *
 * @param name the instance name, e.g. {@code greeter-1.greeter.micro.}
 * @param port the SRV port, 0 without SRV record
 * @param address the target's address (IPv4 preferred, as go-micro does), {@code null} if none
 * @param txt the TXT strings, {@code null} without TXT record
 * @param ttl the smallest TTL of the SRV and TXT records; 0 is a goodbye
 */
record SeenInstance(String name, int port, InetAddress address, List<String> txt, long ttl) {

    boolean isGoodbye() {
        return ttl == 0;
    }

    /** The instances in the answer and additional sections of {@code message}. */
    static List<SeenInstance> parse(DnsMessage message) {
        List<ResourceRecord> records = new ArrayList<>(message.answers());
        records.addAll(message.additionals());
        Map<String, ResourceRecord> srvs = new LinkedHashMap<>();
        Map<String, ResourceRecord> txts = new LinkedHashMap<>();
        Map<String, InetAddress> addresses = new LinkedHashMap<>();
        for (ResourceRecord record : records) {
            String key = MdnsNames.key(record.name());
            if (record.data() instanceof Srv) {
                srvs.put(key, record);
            } else if (record.data() instanceof Txt) {
                txts.put(key, record);
            } else if (record.data() instanceof Address address) {
                addresses.merge(key, address.address(), SeenInstance::preferIpv4);
            }
        }
        List<SeenInstance> instances = new ArrayList<>();
        for (String key : union(srvs, txts)) {
            ResourceRecord srvRecord = srvs.get(key);
            ResourceRecord txtRecord = txts.get(key);
            ResourceRecord any = srvRecord != null ? srvRecord : txtRecord;
            long ttl = Math.min(srvRecord == null ? Long.MAX_VALUE : srvRecord.ttl(),
                    txtRecord == null ? Long.MAX_VALUE : txtRecord.ttl());
            int port = 0;
            InetAddress address = addresses.get(key);
            if (srvRecord != null) {
                Srv srv = (Srv) srvRecord.data();
                port = srv.port();
                address = addresses.getOrDefault(MdnsNames.key(srv.target()), address);
            }
            List<String> strings = txtRecord == null ? null : ((Txt) txtRecord.data()).strings();
            instances.add(new SeenInstance(any.name(), port, address, strings, ttl));
        }
        return instances;
    }

    /**
     * The one-node service this instance stands for, as go-micro reads it: TXT decoded, node id =
     * the name without {@code .<service>.<domain>.}, address = {@code host:port}. Empty when it is
     * no node: no TXT strings (the {@code _services} listing entries), a name outside the service,
     * or (unless it is a goodbye) no address.
     *
     * @throws IllegalArgumentException when the TXT strings are not go-micro's encoding
     */
    Optional<Service> toService(MdnsNames names) {
        if (txt == null || txt.isEmpty()) {
            return Optional.empty();
        }
        MdnsTxt decoded = MdnsTxt.decode(txt);
        Optional<String> nodeId = names.nodeId(name, decoded.service());
        if (decoded.service().isEmpty() || nodeId.isEmpty() || (address == null && !isGoodbye())) {
            return Optional.empty();
        }
        String hostPort = address == null ? "" : HostPort.of(address, port).toString();
        Node node = new Node(nodeId.get(), hostPort, decoded.metadata());
        return Optional.of(new Service(decoded.service(), decoded.version(), Map.of(), decoded.endpoints(),
                List.of(node)));
    }

    private static InetAddress preferIpv4(InetAddress first, InetAddress second) {
        return first instanceof Inet4Address || !(second instanceof Inet4Address) ? first : second;
    }

    private static List<String> union(Map<String, ?> first, Map<String, ?> second) {
        List<String> keys = new ArrayList<>(first.keySet());
        second.keySet().stream().filter(key -> !first.containsKey(key)).forEach(keys::add);
        return keys;
    }
}
