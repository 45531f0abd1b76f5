package io.microspring.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node on a plain server socket that speaks just enough HTTP/1.1 to answer the transport's
 * requests, and counts what it sees: connections accepted and open, requests read (with their
 * head). How it answers is up to each test, through {@link Behaviour}; a thread per connection.
 */
final class RawHttpNode implements AutoCloseable {

    /** What the node does with the {@code number}th request (from 1) read on a connection. */
    interface Behaviour {
        /** Answers, or returns {@code false} to close the connection instead (without answering). */
        boolean serve(int number, byte[] body, Socket socket, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RawHttpNode(Behaviour behaviour) throws IOException {
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        Thread acceptor = new Thread(this::accept, "raw-http-node");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers every request with {@code 200}, its body echoed, keeping the connection alive. */
    static Behaviour echo() {
        return (number, body, socket, out) -> {
            answer(out, body);
            return true;
        };
    }

    /** A {@code 200} with {@code body} and its {@code Content-Length}. */
    static void answer(OutputStream out, byte[] body) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    int open() {
        return open.get();
    }

    int requests() {
        return requests.get();
    }

    List<String> heads() {
        return heads;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.incrementAndGet();
                sockets.add(socket);
                Thread connection = new Thread(() -> serve(socket), "raw-http-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int number = 1; ; number++) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.incrementAndGet();
                heads.add(head);
                byte[] body = in.readNBytes(contentLength(head));
                if (!behaviour.serve(number, body, socket, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.decrementAndGet();
        }
    }

    /** The request line and headers, or {@code null} at the end of the connection. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return matched == 4 ? head.toString(StandardCharsets.US_ASCII) : null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }
}
