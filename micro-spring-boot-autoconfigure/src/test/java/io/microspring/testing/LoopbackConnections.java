package io.microspring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The machine's open TCP connections, read from {@code /proc/net/tcp} and {@code /proc/net/tcp6}:
 * how a test sees whether a connection was really closed on either side.
 */
public final class LoopbackConnections {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** Connection states that hold a socket open: ESTABLISHED, CLOSE_WAIT. */
    private static final List<String> OPEN_STATES = List.of("01", "08");

    private LoopbackConnections() {
    }

    /** Open connections whose local end is {@code port}: the server side of connections to it. */
    public static long servedOn(int port) {
        return count(port, 1);
    }

    /** Open connections whose remote end is {@code port}: the client side of connections to it. */
    public static long toPort(int port) {
        return count(port, 2);
    }

    private static long count(int port, int column) {
        return TABLES.stream().flatMap(LoopbackConnections::rows)
                .map(row -> row.trim().split("\\s+"))
                .filter(fields -> fields.length > 3 && OPEN_STATES.contains(fields[3]))
                .filter(fields -> portOf(fields[column]) == port)
                .count();
    }

    private static Stream<String> rows(Path table) {
        try {
            return Files.readAllLines(table).stream().skip(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
    }

    private static int portOf(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }
}
