package io.microspring.registry.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/** go-micro's {@code hex(zlib(data))}, in which its Consul tags and mDNS TXT records carry JSON. Not API. */
public final class HexZlib {

    private HexZlib() {
    }

    /** {@code data} compressed with zlib, in lower-case hex. */
    public static String encode(byte[] data) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed)) {
            zlib.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(compressed.toByteArray());
    }

    /**
     * The data {@code hex} holds.
     *
     * @throws IllegalArgumentException when it is not hex, not zlib data, or more than {@code maxSize} bytes once inflated
     */
    public static byte[] decode(String hex, int maxSize) {
        byte[] compressed = HexFormat.of().parseHex(hex);
        byte[] data;
        try (InflaterInputStream zlib = new InflaterInputStream(new ByteArrayInputStream(compressed))) {
            data = zlib.readNBytes(maxSize + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("not zlib data: " + e.getMessage(), e);
        }
        if (data.length > maxSize) {
            throw new IllegalArgumentException("more than " + maxSize + " bytes once inflated");
        }
        return data;
    }
}
