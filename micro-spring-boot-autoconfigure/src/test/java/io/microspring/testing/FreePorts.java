package io.microspring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds free TCP ports on the loopback interface (127.0.0.1).
 *
 * <p>A port is free when the operating system hands it out for an ephemeral bind; ports handed
 * out before by this JVM are never handed out again, so two servers started by one test run do
 * not race for the same port.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

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
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    ports[found++] = port;
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
}
