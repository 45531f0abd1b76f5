package io.microspring.registry.mdns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.microspring.registry.mdns.DnsMessage.Address;
import io.microspring.registry.mdns.DnsMessage.Data;
import io.microspring.registry.mdns.DnsMessage.Opaque;
import io.microspring.registry.mdns.DnsMessage.Ptr;
import io.microspring.registry.mdns.DnsMessage.Question;
import io.microspring.registry.mdns.DnsMessage.ResourceRecord;
import io.microspring.registry.mdns.DnsMessage.Srv;
import io.microspring.registry.mdns.DnsMessage.Txt;

/**
 * Writes and reads {@link DnsMessage}s in the RFC 1035 wire format. Reading follows name
 * compression pointers (go-micro's responses are compressed); writing never compresses, which
 * every reader accepts. Malformed input is refused with an {@link IllegalArgumentException}.
 */
final class DnsCodec {

    /** The largest DNS message a UDP datagram carries. */
    static final int MAX_MESSAGE_SIZE = 65_535;

    private static final int MAX_LABEL_LENGTH = 63;
    private static final int MAX_NAME_LENGTH = 255;
    private static final int POINTER_MASK = 0xC0;

    private DnsCodec() {
    }

    /** The wire form of {@code message}. */
    static byte[] encode(DnsMessage message) {
        ByteBuffer out = ByteBuffer.allocate(MAX_MESSAGE_SIZE);
        try {
            out.putShort((short) message.id());
            out.putShort((short) message.flags());
            out.putShort((short) message.questions().size());
            out.putShort((short) message.answers().size());
            out.putShort((short) message.authorities().size());
            out.putShort((short) message.additionals().size());
            for (Question question : message.questions()) {
                writeName(out, question.name());
                out.putShort((short) question.type());
                out.putShort((short) question.dnsClass());
            }
            for (List<ResourceRecord> section : List.of(message.answers(), message.authorities(),
                    message.additionals())) {
                for (ResourceRecord record : section) {
                    writeRecord(out, record);
                }
            }
        } catch (BufferOverflowException e) {
            throw new IllegalArgumentException("DNS message longer than " + MAX_MESSAGE_SIZE + " bytes");
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The message in {@code bytes[0..length)}. */
    static DnsMessage decode(byte[] bytes, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length).slice();
        try {
            int id = in.getShort() & 0xFFFF;
            int flags = in.getShort() & 0xFFFF;
            int questionCount = in.getShort() & 0xFFFF;
            int answerCount = in.getShort() & 0xFFFF;
            int authorityCount = in.getShort() & 0xFFFF;
            int additionalCount = in.getShort() & 0xFFFF;
            List<Question> questions = new ArrayList<>(questionCount);
            for (int i = 0; i < questionCount; i++) {
                questions.add(new Question(readName(in), in.getShort() & 0xFFFF, in.getShort() & 0xFFFF));
            }
            return new DnsMessage(id, flags, questions, readRecords(in, answerCount),
                    readRecords(in, authorityCount), readRecords(in, additionalCount));
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed DNS message: it ends too early");
        }
    }

    private static void writeRecord(ByteBuffer out, ResourceRecord record) {
        writeName(out, record.name());
        out.putShort((short) record.type());
        out.putShort((short) record.dnsClass());
        out.putInt((int) record.ttl());
        int lengthAt = out.position();
        out.putShort((short) 0);
        Data data = record.data();
        if (data instanceof Ptr ptr) {
            writeName(out, ptr.target());
        } else if (data instanceof Srv srv) {
            out.putShort((short) srv.priority());
            out.putShort((short) srv.weight());
            out.putShort((short) srv.port());
            writeName(out, srv.target());
        } else if (data instanceof Txt txt) {
            for (String string : txt.strings()) {
                byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
                if (bytes.length > 255) {
                    throw new IllegalArgumentException("TXT string longer than 255 bytes");
                }
                out.put((byte) bytes.length).put(bytes);
            }
        } else if (data instanceof Address address) {
            out.put(address.address().getAddress());
        } else {
            out.put(((Opaque) data).bytes());
        }
        out.putShort(lengthAt, (short) (out.position() - lengthAt - 2));
    }

    /**
     * The labels of a dotted name, each as UTF-8 bytes.
     *
     * @throws IllegalArgumentException when a label is empty or longer than 63 bytes, or the name longer than 255
     */
    static List<byte[]> labels(String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<byte[]> labels = new ArrayList<>();
        int wireLength = 1;
        for (String label : trimmed.isEmpty() ? new String[0] : trimmed.split("\\.", -1)) {
            byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0 || bytes.length > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("DNS name '" + name + "' has a label that is empty or longer than "
                        + MAX_LABEL_LENGTH + " bytes");
            }
            wireLength += bytes.length + 1;
            labels.add(bytes);
        }
        if (wireLength > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("DNS name '" + name + "' is longer than " + MAX_NAME_LENGTH + " bytes");
        }
        return labels;
    }

    private static void writeName(ByteBuffer out, String name) {
        for (byte[] label : labels(name)) {
            out.put((byte) label.length).put(label);
        }
        out.put((byte) 0);
    }

    private static List<ResourceRecord> readRecords(ByteBuffer in, int count) {
        List<ResourceRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = readName(in);
            int type = in.getShort() & 0xFFFF;
            int dnsClass = in.getShort() & 0xFFFF;
            long ttl = in.getInt() & 0xFFFFFFFFL;
            int length = in.getShort() & 0xFFFF;
            int end = in.position() + length;
            if (end > in.limit()) {
                throw new IllegalArgumentException("malformed DNS message: it ends too early, in the data of " + name);
            }
            Data data = readData(in, type, length, end);
            if (in.position() != end) {
                throw new IllegalArgumentException("malformed DNS message: record data of " + name
                        + " does not match its length");
            }
            records.add(new ResourceRecord(name, type, dnsClass, ttl, data));
        }
        return records;
    }

    private static Data readData(ByteBuffer in, int type, int length, int end) {
        switch (type) {
            case DnsMessage.TYPE_PTR:
                return new Ptr(readName(in));
            case DnsMessage.TYPE_SRV:
                return new Srv(in.getShort() & 0xFFFF, in.getShort() & 0xFFFF, in.getShort() & 0xFFFF, readName(in));
            case DnsMessage.TYPE_TXT:
                List<String> strings = new ArrayList<>();
                while (in.position() < end) {
                    byte[] bytes = new byte[in.get() & 0xFF];
                    in.get(bytes);
                    strings.add(new String(bytes, StandardCharsets.UTF_8));
                }
                return new Txt(strings);
            case DnsMessage.TYPE_A, DnsMessage.TYPE_AAAA:
                if (length != (type == DnsMessage.TYPE_A ? 4 : 16)) {
                    throw new IllegalArgumentException("malformed DNS message: address of " + length + " bytes");
                }
                byte[] address = new byte[length];
                in.get(address);
                try {
                    return new Address(InetAddress.getByAddress(address));
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            default:
                byte[] bytes = new byte[length];
                in.get(bytes);
                return new Opaque(bytes);
        }
    }

    /**
     * Reads a name at the buffer's position, following compression pointers; the buffer ends up
     * after the name's in-line part. A pointer must point before itself, so pointers cannot loop.
     */
    private static String readName(ByteBuffer in) {
        StringBuilder name = new StringBuilder();
        int position = in.position();
        int resumeAt = -1;
        int wireLength = 1;
        while (true) {
            int length = in.get(position) & 0xFF;
            if ((length & POINTER_MASK) == POINTER_MASK) {
                int target = ((length & ~POINTER_MASK) << 8) | (in.get(position + 1) & 0xFF);
                if (target >= position) {
                    throw new IllegalArgumentException("malformed DNS message: name pointer does not point back");
                }
                if (resumeAt < 0) {
                    resumeAt = position + 2;
                }
                position = target;
                continue;
            }
            if (length > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("malformed DNS message: unsupported label type " + length);
            }
            position++;
            if (length == 0) {
                break;
            }
            wireLength += length + 1;
            if (wireLength > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("malformed DNS message: name longer than 255 bytes");
            }
            byte[] label = new byte[length];
            in.get(position, label);
            appendLabel(name, new String(label, StandardCharsets.UTF_8));
            position += length;
        }
        in.position(resumeAt >= 0 ? resumeAt : position);
        return name.length() == 0 ? "." : name.toString();
    }

    /** Appends a label and its dot; a dot or backslash inside the label is escaped as in zone files. */
    private static void appendLabel(StringBuilder name, String label) {
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '.' || c == '\\') {
                name.append('\\');
            }
            name.append(c);
        }
        name.append('.');
    }
}
