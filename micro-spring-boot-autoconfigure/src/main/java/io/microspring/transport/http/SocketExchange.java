package io.microspring.transport.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.microspring.net.HostPort;
import io.microspring.transport.MicroHeaders;
import io.microspring.transport.SendOptions;
import io.microspring.transport.TransportMessage;

/**
 * One unary exchange of the HTTP transport on a blocking socket of its own, closed at its end:
 * go-micro's {@code POST /} with the message's headers, {@code Host} and {@code Content-Length},
 * answered by a {@code 200} whose headers are the answer's ({@link HttpAnswerReader}). It starts
 * no thread, so nothing is left running in native code when the process exits; failures are told
 * as {@link NodeFailures} tells them. Not thread-safe, except {@link #abort}.
 */
final class SocketExchange {

    private final String address;
    private final Socket socket = new Socket();
    private volatile boolean aborted;

    SocketExchange(String address) {
        this.address = address;
    }

    /**
     * Sends {@code request} and reads the answer, blocking until it is read or the request
     * timeout of {@code options} (which the connection timeout cannot outlast) has passed.
     */
    TransportMessage send(TransportMessage request, SendOptions options) {
        long deadline = System.nanoTime() + nanos(options.requestTimeout()); // compared by difference: may wrap
        try {
            byte[] message = message(request);
            connect(options, deadline);
            HttpAnswerReader.Answer answer;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(message);
                out.flush();
                answer = new HttpAnswerReader(socket, deadline).read();
            } catch (IOException e) {
                throw NodeFailures.exchange(address, e);
            }
            if (answer.code() != 200) {
                throw NodeFailures.notOk(address, answer.status(), answer.body());
            }
            return new TransportMessage(answer.headers(), answer.body());
        } finally {
            close();
        }
    }

    /** Ends the exchange from another thread: a blocked connect, write or read fails at once. */
    void abort() {
        aborted = true;
        close();
    }

    /** Whether {@link #abort} was called: the exchange's failure is then nobody's news. */
    boolean aborted() {
        return aborted;
    }

    private void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    private void connect(SendOptions options, long deadline) {
        try {
            long wait = Math.min(nanos(options.connectTimeout()), deadline - System.nanoTime());
            // rounded up, and never 0, which would wait for ever
            socket.connect(HostPort.parse(address).socketAddress(),
                    (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1)));
            socket.setTcpNoDelay(true);
        } catch (IOException | IllegalArgumentException e) {
            throw NodeFailures.connect(address, e);
        }
    }

    /**
     * The request line, the headers and the body, to go out in one write; a header that HTTP
     * cannot carry fails the exchange before it starts.
     */
    private byte[] message(TransportMessage request) {
        StringBuilder head = new StringBuilder(256).append("POST / HTTP/1.1\r\nHost: ").append(address).append("\r\n");
        for (Map.Entry<String, String> header : request.headers().asMap().entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (MicroHeaders.isFraming(name)) {
                continue;
            }
            if (!isToken(name) || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw NodeFailures.exchange(address, new IllegalArgumentException(
                        "header " + name + " cannot be sent over HTTP: its name or value holds a forbidden character"));
            }
            head.append(name).append(": ").append(value).append("\r\n");
        }
        byte[] body = request.body();
        byte[] headBytes = head.append("Content-Length: ").append(body.length).append("\r\n\r\n").toString()
                .getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, message, headBytes.length, body.length);
        return message;
    }

    /** {@code duration} in nanoseconds, at most {@link Long#MAX_VALUE} (about 292 years). */
    private static long nanos(Duration duration) {
        return duration.compareTo(MicroHeaders.MAX_TIMEOUT) >= 0 ? Long.MAX_VALUE : duration.toNanos();
    }

    /** An HTTP token (RFC 9110, 5.6.2): the characters a header name may hold. */
    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0);
    }
}
