package io.microspring.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A {@code host:port} address as go-micro reads and writes it (Go's {@code net.SplitHostPort} and
 * {@code net.JoinHostPort}): {@code 127.0.0.1:8080}, {@code :0} (every interface, a free port),
 * {@code [::1]:8080}. The host is held without brackets; it is empty for every interface.
 *
 * @param host a name or an IP address, IPv6 without brackets; empty for every interface
 * @param port from 0 to 65535
 */
public record HostPort(String host, int port) {

    /** The largest TCP or UDP port. */
    public static final int MAX_PORT = 65_535;

    private static final String FORMS = "host:port (such as 127.0.0.1:8080, :0 or [::1]:8080)";

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be from 0 to " + MAX_PORT + ", got " + port);
        }
    }

    /**
     * Reads {@code host:port}; the port is required.
     *
     * @throws IllegalArgumentException naming {@code address} and what is wrong with it
     */
    public static HostPort parse(String address) {
        return parse(address, -1);
    }

    /**
     * Reads {@code host:port}, or a bare {@code host} (or {@code host:}) that takes {@code defaultPort}.
     *
     * @throws IllegalArgumentException naming {@code address} and what is wrong with it
     */
    public static HostPort parse(String address, int defaultPort) {
        String text = address == null ? "" : address.strip();
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(address, "its '[' has no ']'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && rest.charAt(0) != ':') {
                throw invalid(address, "only :port may follow ']'");
            }
            port = rest.isEmpty() ? "" : rest.substring(1);
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? "" : text.substring(colon + 1);
            if (host.contains(":")) {
                throw invalid(address, "an IPv6 host needs brackets, as in [::1]:8080");
            }
        }
        if (host.chars().anyMatch(c -> c == '/' || c == ',' || c == '[' || c == ']' || Character.isWhitespace(c))) {
            throw invalid(address, "its host '" + host + "' is not a name or an IP address");
        }
        if (port.isEmpty()) {
            if (defaultPort < 0) {
                throw invalid(address, "it has no port");
            }
            return new HostPort(host, defaultPort);
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(port) > MAX_PORT) {
            throw invalid(address, "its port '" + port + "' is not a number from 0 to " + MAX_PORT);
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    /** The address of a bound or remote socket, its IP written as Go writes it. */
    public static HostPort of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return ip == null ? new HostPort(address.getHostString(), address.getPort()) : of(ip, address.getPort());
    }

    /** {@code ip} and {@code port}, the IP written as Go writes it: IPv6 shortened (RFC 5952), without zone. */
    public static HostPort of(InetAddress ip, int port) {
        return new HostPort(ip instanceof Inet4Address ? ip.getHostAddress() : shortIpv6(ip.getAddress()), port);
    }

    /**
     * This address, when it names a host: clients cannot reach {@code :8080}.
     *
     * @throws IllegalArgumentException naming the address otherwise
     */
    public HostPort requireHost() {
        if (host.isEmpty()) {
            throw invalid(toString(), "it has no host");
        }
        return this;
    }

    /** This address on {@code newPort}. */
    public HostPort withPort(int newPort) {
        return new HostPort(host, newPort);
    }

    /** Whether the host means every interface: empty, {@code 0.0.0.0} or {@code ::}. */
    public boolean isWildcard() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    /** The host as a URI or {@code host:port} writes it: an IPv6 address in brackets. */
    public String uriHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * The socket address to bind or connect to: every interface for a wildcard host; a name is
     * looked up (unresolved when the lookup fails).
     */
    public InetSocketAddress socketAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    @Override
    public String toString() {
        return uriHost() + ":" + port;
    }

    private static IllegalArgumentException invalid(String address, String reason) {
        return new IllegalArgumentException("'" + address + "' is not " + FORMS + ": " + reason);
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    private static String shortIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
