package io.microspring.registry.mdns;

import java.net.InetAddress;
import java.util.List;

/**
 * A DNS message (RFC 1035 section 4) as used by multicast DNS: a header, questions and three
 * sections of resource records. Names are dotted and end with a dot ({@code greeter.micro.}).
 * {@link DnsCodec} turns it into bytes and back.
 *
 * @param id query identifier; 0 in multicast DNS except in answers to a unicast-response question
 * @param flags the header's second 16 bits (QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE)
 * @param questions the question section
 * @param answers the answer section
 * @param authorities the authority section (mDNS probes carry their proposed records here)
 * @param additionals the additional section
 */
record DnsMessage(int id, int flags, List<Question> questions, List<ResourceRecord> answers,
        List<ResourceRecord> authorities, List<ResourceRecord> additionals) {

    static final int TYPE_A = 1;
    static final int TYPE_PTR = 12;
    static final int TYPE_TXT = 16;
    static final int TYPE_AAAA = 28;
    static final int TYPE_SRV = 33;
    static final int TYPE_ANY = 255;
    static final int CLASS_IN = 1;

    /** QR: the message is a response. */
    static final int FLAG_RESPONSE = 0x8000;
    /** AA: authoritative answer, set in every mDNS response. */
    static final int FLAG_AUTHORITATIVE = 0x0400;
    /** TC: truncated. */
    static final int FLAG_TRUNCATED = 0x0200;
    /** Top bit of a question's class: a unicast response is preferred (RFC 6762 section 5.4). */
    static final int UNICAST_RESPONSE_BIT = 0x8000;

    DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** A query with one question of class IN, as go-micro's client sends it (id 0, no flags). */
    static DnsMessage query(String name, int type) {
        return new DnsMessage(0, 0, List.of(new Question(name, type, CLASS_IN)), List.of(), List.of(), List.of());
    }

    /** A response carrying {@code answers}. */
    static DnsMessage response(int id, int flags, List<Question> questions, List<ResourceRecord> answers) {
        return new DnsMessage(id, FLAG_RESPONSE | flags, questions, answers, List.of(), List.of());
    }

    boolean isResponse() {
        return (flags & FLAG_RESPONSE) != 0;
    }

    int opcode() {
        return (flags >> 11) & 0xF;
    }

    int rcode() {
        return flags & 0xF;
    }

    /** One question: a name, a record type and a class (whose top bit asks for a unicast reply). */
    record Question(String name, int type, int dnsClass) {

        boolean wantsUnicastResponse() {
            return (dnsClass & UNICAST_RESPONSE_BIT) != 0;
        }
    }

    /** One resource record; {@code ttl} is in seconds, 0 announces that the record goes away. */
    record ResourceRecord(String name, int type, int dnsClass, long ttl, Data data) {

        static ResourceRecord ptr(String name, long ttl, String target) {
            return new ResourceRecord(name, TYPE_PTR, CLASS_IN, ttl, new Ptr(target));
        }

        static ResourceRecord srv(String name, long ttl, int priority, int weight, int port, String target) {
            return new ResourceRecord(name, TYPE_SRV, CLASS_IN, ttl, new Srv(priority, weight, port, target));
        }

        static ResourceRecord txt(String name, long ttl, List<String> strings) {
            return new ResourceRecord(name, TYPE_TXT, CLASS_IN, ttl, new Txt(strings));
        }

        /** An A record for an IPv4 address, an AAAA record otherwise. */
        static ResourceRecord address(String name, long ttl, InetAddress address) {
            int type = address.getAddress().length == 4 ? TYPE_A : TYPE_AAAA;
            return new ResourceRecord(name, type, CLASS_IN, ttl, new Address(address));
        }

        /** This record with another TTL. */
        ResourceRecord withTtl(long newTtl) {
            return new ResourceRecord(name, type, dnsClass, newTtl, data);
        }
    }

    /** The data of a record, by type. */
    sealed interface Data permits Ptr, Srv, Txt, Address, Opaque {
    }

    /** PTR: the name pointed to. */
    record Ptr(String target) implements Data {
    }

    /** SRV (RFC 2782): where an instance listens. */
    record Srv(int priority, int weight, int port, String target) implements Data {
    }

    /** TXT: character strings of at most 255 bytes each; may be empty. */
    record Txt(List<String> strings) implements Data {

        Txt {
            strings = List.copyOf(strings);
        }
    }

    /** A or AAAA: one address. */
    record Address(InetAddress address) implements Data {
    }

    /** Any other type, kept as raw bytes. */
    record Opaque(byte[] bytes) implements Data {
    }
}
