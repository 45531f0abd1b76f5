package io.microspring.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.microspring.metadata.Metadata;

/**
 * Reads one HTTP/1.1 answer from a blocking socket, each read waiting no later than the exchange's
 * deadline: the status line, the headers (the first value of each name, looked up in any letter
 * case) and the body, framed by {@code Content-Length}, by chunks, or else by the end of the
 * connection. The head (and a chunked body's framing lines) may take at most 1 MiB, as much as Go's
 * HTTP server allows a request's head.
 */
final class HttpAnswerReader {

    /** One answer as read: the status code and line's reason, the headers and the body. */
    record Answer(int code, String status, Metadata headers, byte[] body) {
    }

    private static final int MAX_HEAD_SIZE = 1 << 20;
    private static final int BUFFER_SIZE = 8192;

    private final Socket socket;
    private final InputStream in;
    private final long deadlineNanos;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private int headLeft = MAX_HEAD_SIZE;

    HttpAnswerReader(Socket socket, long deadlineNanos) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadlineNanos = deadlineNanos;
    }

    /** The next answer on the socket. */
    Answer read() throws IOException {
        String statusLine = headLine();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line: " + quote(statusLine));
        }
        int code = code(statusLine.substring(9, 12), statusLine);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = headLine(); !line.isEmpty(); line = headLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("not a header line: " + quote(line));
            }
            headers.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return new Answer(code, statusLine.substring(9).strip(), Metadata.view(headers), body(headers));
    }

    private byte[] body(Map<String, String> headers) throws IOException {
        String encoding = headers.get("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            return chunked();
        }
        String length = headers.get("Content-Length");
        if (length == null) {
            return untilEnd();
        }
        long size;
        try {
            size = Long.parseLong(length);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            throw new ProtocolException("Content-Length is not a size: " + quote(length));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(size, BUFFER_SIZE));
        copy(body, size);
        return body.toByteArray();
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(BUFFER_SIZE);
        while (true) {
            String line = headLine();
            int extension = line.indexOf(';');
            String size = (extension < 0 ? line : line.substring(0, extension)).strip();
            long chunk;
            try {
                chunk = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                chunk = -1;
            }
            if (chunk < 0 || body.size() + chunk > Integer.MAX_VALUE - 8) {
                throw new ProtocolException("not a chunk size: " + quote(line));
            }
            if (chunk == 0) {
                while (!headLine().isEmpty()) {
                    // trailers: not part of the message
                }
                return body.toByteArray();
            }
            copy(body, chunk);
            if (!headLine().isEmpty()) {
                throw new ProtocolException("a chunk is longer than its size");
            }
        }
    }

    private byte[] untilEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(BUFFER_SIZE);
        while (fill()) {
            body.write(buffer, position, limit - position);
            position = limit;
        }
        return body.toByteArray();
    }

    private void copy(ByteArrayOutputStream body, long size) throws IOException {
        for (long left = size; left > 0;) {
            if (position == limit && !fill()) {
                throw new EOFException("the connection ended " + left + " bytes before the end of the body");
            }
            int take = (int) Math.min(left, limit - position);
            body.write(buffer, position, take);
            position += take;
            left -= take;
        }
    }

    /** A line of the head or of the chunk framing, without its CRLF (or bare LF). */
    private String headLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            if (position == limit && !fill()) {
                throw new EOFException("the connection ended before the answer did");
            }
            byte next = buffer[position++];
            if (--headLeft < 0) {
                throw new ProtocolException("the answer's head is over " + MAX_HEAD_SIZE + " bytes");
            }
            if (next == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(next);
        }
    }

    /** Reads more bytes into the empty buffer; false at the end of the connection. */
    private boolean fill() throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("no answer before the deadline");
        }
        // rounded up: a read must not give up before the deadline
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        int read = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private static int code(String digits, String statusLine) throws ProtocolException {
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ProtocolException("not an HTTP status: " + quote(statusLine));
        }
        return Integer.parseInt(digits);
    }

    private static String quote(String text) {
        return "'" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'";
    }
}
