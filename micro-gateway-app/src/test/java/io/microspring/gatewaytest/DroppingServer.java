package io.microspring.gatewaytest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that reads each request's head and then closes the connection without
 * answering, as a node that dies mid-request; it counts the requests it dropped.
 */
public final class DroppingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger dropped = new AtomicInteger();

    private DroppingServer(ServerSocket socket) {
        this.socket = socket;
    }

    /** Starts accepting on a free loopback port, on a daemon thread named {@code threadName}. */
    public static DroppingServer start(String threadName) throws IOException {
        DroppingServer server = new DroppingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(server::dropEveryConnection, threadName);
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** How many requests it has read and dropped so far. */
    public int dropped() {
        return dropped.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void dropEveryConnection() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                readHead(connection.getInputStream());
                dropped.incrementAndGet();
            } catch (IOException e) {
                // closed: the test is over
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int next;
        while (matched < end.length && (next = in.read()) >= 0) {
            matched = next == end[matched] ? matched + 1 : next == end[0] ? 1 : 0;
        }
    }
}
