package io.microspring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds free TCP ports on the loopback interface (127.0.0.1).
 *
 * <p>A port is free when it can be bound now. Ports are taken below the kernel's ephemeral range
 * ({@code net.ipv4.ip_local_port_range}), so that no outgoing connection of any process takes one
 * as its local port before the server it is meant for binds it (seen as "address already in use");
 * ports handed out before by this JVM are never handed out again, so two servers started by one
 * test run do not race for the same port.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int LOWEST = 10000;
    private static final int BELOW_EPHEMERAL = ephemeralRangeStart();

    private FreePorts() {}

    /** One free loopback port. */
    public static int find() {
        return find(1)[0];
    }

    /** {@code count} distinct free loopback ports. */
    public static int[] find(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            int attempts = 0;
            while (found < count) {
                if (++attempts > count * 50) {
                    throw new IllegalStateException("could not find " + count + " free loopback ports");
                }
                // keep every socket open until all are found so the OS cannot hand out a port twice
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL);
                if (HANDED_OUT.contains(candidate)) {
                    continue;
                }
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                try {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                } catch (IOException taken) {
                    continue;
                }
                if (HANDED_OUT.add(candidate)) {
                    ports[found++] = candidate;
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("finding free loopback ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** The first port of the kernel's ephemeral range (Linux's default 32768 when it cannot be read). */
    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1000 ? start : 32768;
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
