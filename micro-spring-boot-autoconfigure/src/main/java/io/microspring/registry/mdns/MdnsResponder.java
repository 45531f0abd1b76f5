package io.microspring.registry.mdns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.microspring.registry.mdns.DnsMessage.Question;
import io.microspring.registry.mdns.DnsMessage.ResourceRecord;

/**
 * Answers mDNS queries for the nodes registered in this process, with go-micro's record layout
 * (its {@code MDNSService} zone):
 * <ul>
 * <li>PTR {@code <service>.micro.} (or ANY): PTR to the instance, SRV, A/AAAA and TXT;</li>
 * <li>{@code <nodeId>.<service>.micro.}: ANY gives SRV, A/AAAA and TXT; SRV gives SRV and the
 * address; TXT, A and AAAA give that record;</li>
 * <li>PTR {@code _services.micro.}: per service a listing entry {@code <service>._services.micro.}
 * with SRV port 9999, address 0.0.0.0 and an empty TXT, as go-micro's "wildcard" entry;</li>
 * <li>PTR {@code _services._dns-sd._udp.micro.}: the service types.</li>
 * </ul>
 * Every instance goes into a message of its own: go-micro's client takes one instance out of each
 * message and would miss the others. Answers carry the query's questions (go-micro's client drops
 * answers to other questions) and its id when the question asked for a unicast response, else 0.
 *
 * <p>Deliberate difference: go-micro names the SRV target and the A record after the machine's
 * host name; here they carry the instance name, so that nodes with different addresses on one
 * machine never share an address record, and no host name lookup is needed. go-micro's client
 * reads both forms.
 */
final class MdnsResponder {

    /** go-micro's record TTL ({@code defaultTTL}), used for the listing entries. */
    static final long DEFAULT_TTL_SECONDS = 120;

    /** What go-micro puts in a listing entry's SRV and A records. */
    private static final int LISTING_PORT = 9999;
    private static final InetAddress LISTING_ADDRESS = anyIpv4();

    private final MdnsNames names;
    private final Supplier<Collection<Instance>> nodes;

    /** Answering for the {@code nodes} currently registered. */
    MdnsResponder(MdnsNames names, Supplier<Collection<Instance>> nodes) {
        this.names = names;
        this.nodes = nodes;
    }

    /**
     * A name this process answers for: a registered node, or a service's listing entry.
     *
     * @param service the service name
     * @param type the name whose PTR points here ({@code <service>.micro.} or {@code _services.micro.})
     * @param name the instance name
     * @param port the SRV port
     * @param address the A or AAAA address
     * @param txt the TXT strings
     * @param ttl the TTL of the records, in seconds
     */
    record Instance(String service, String type, String name, int port, InetAddress address, List<String> txt,
            long ttl) {

        Instance {
            txt = List.copyOf(txt);
        }

        /** PTR, SRV, address and TXT: what a PTR query and an announcement carry. */
        List<ResourceRecord> all(long recordTtl) {
            List<ResourceRecord> records = new ArrayList<>(4);
            records.add(ResourceRecord.ptr(type, recordTtl, name));
            records.add(srv(recordTtl));
            records.add(ResourceRecord.address(name, recordTtl, address));
            records.add(ResourceRecord.txt(name, recordTtl, txt));
            return records;
        }

        /** go-micro's SRV: priority 10, weight 1, target = (here) the instance name. */
        ResourceRecord srv(long recordTtl) {
            return ResourceRecord.srv(name, recordTtl, 10, 1, port, name);
        }
    }

    /** The responses to {@code query}, one per instance that matches a question; none for a response. */
    List<DnsMessage> answer(DnsMessage query) {
        if (query.isResponse() || query.opcode() != 0 || query.rcode() != 0) {
            return List.of();
        }
        List<Instance> zone = zone();
        List<DnsMessage> responses = new ArrayList<>();
        for (Question question : query.questions()) {
            int id = question.wantsUnicastResponse() ? query.id() : 0;
            for (List<ResourceRecord> answer : answers(question, zone)) {
                responses.add(DnsMessage.response(id, DnsMessage.FLAG_AUTHORITATIVE, query.questions(), answer));
            }
        }
        return responses;
    }

    /** The unsolicited response announcing a node (RFC 6762 section 8.3). */
    DnsMessage announcement(Instance node) {
        return DnsMessage.response(0, DnsMessage.FLAG_AUTHORITATIVE, List.of(), node.all(node.ttl()));
    }

    /** The goodbye of a node: its records with TTL 0 (RFC 6762 section 10.1), as go-micro sends on deregister. */
    DnsMessage goodbye(Instance node) {
        return DnsMessage.response(0, DnsMessage.FLAG_AUTHORITATIVE, List.of(), node.all(0));
    }

    private List<List<ResourceRecord>> answers(Question question, List<Instance> zone) {
        boolean ptr = question.type() == DnsMessage.TYPE_PTR || question.type() == DnsMessage.TYPE_ANY;
        List<List<ResourceRecord>> answers = new ArrayList<>();
        if (ptr && MdnsNames.same(question.name(), names.enumeration())) {
            List<ResourceRecord> types = new ArrayList<>();
            zone.stream().map(Instance::type).distinct().forEach(type ->
                    types.add(ResourceRecord.ptr(question.name(), DEFAULT_TTL_SECONDS, type)));
            if (!types.isEmpty()) {
                answers.add(types);
            }
            return answers;
        }
        for (Instance instance : zone) {
            if (ptr && MdnsNames.same(question.name(), instance.type())) {
                answers.add(instance.all(instance.ttl()));
            } else if (MdnsNames.same(question.name(), instance.name())) {
                List<ResourceRecord> records = instanceRecords(instance, question.type());
                if (!records.isEmpty()) {
                    answers.add(records);
                }
            }
        }
        return answers;
    }

    private static List<ResourceRecord> instanceRecords(Instance instance, int type) {
        long ttl = instance.ttl();
        ResourceRecord address = ResourceRecord.address(instance.name(), ttl, instance.address());
        ResourceRecord txt = ResourceRecord.txt(instance.name(), ttl, instance.txt());
        switch (type) {
            case DnsMessage.TYPE_ANY:
                return List.of(instance.srv(ttl), address, txt);
            case DnsMessage.TYPE_SRV:
                return List.of(instance.srv(ttl), address);
            case DnsMessage.TYPE_TXT:
                return List.of(txt);
            case DnsMessage.TYPE_A, DnsMessage.TYPE_AAAA:
                return address.type() == type ? List.of(address) : List.of();
            default:
                return List.of();
        }
    }

    /** The registered nodes and, per service, its listing entry. */
    private List<Instance> zone() {
        Collection<Instance> registered = nodes.get();
        Map<String, Instance> listing = new LinkedHashMap<>();
        for (Instance node : registered) {
            listing.computeIfAbsent(node.service(), service -> new Instance(service, names.listing(),
                    names.listingEntry(service), LISTING_PORT, LISTING_ADDRESS, List.of(), DEFAULT_TTL_SECONDS));
        }
        List<Instance> zone = new ArrayList<>(registered);
        zone.addAll(listing.values());
        return zone;
    }

    private static InetAddress anyIpv4() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
