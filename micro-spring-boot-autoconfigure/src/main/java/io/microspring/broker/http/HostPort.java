package io.microspring.broker.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** {@code host:port} addresses of the http broker: the one it binds and the one its nodes register. */
final class HostPort {

    private HostPort() {
    }

    /** {@code address} ({@code :0}, {@code 127.0.0.1:0}, {@code [::1]:8080}) as a socket address to bind. */
    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("http broker address must be host:port (for example 127.0.0.1:0), got '"
                    + address + "'; check micro.broker-address");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("http broker address must be host:port with a port from 0 to 65535, got '"
                    + address + "'; check micro.broker-address", e);
        }
    }

    /**
     * The address a node bound to {@code bound} registers: a wildcard host becomes this machine's
     * first private IPv4 address (loopback when there is none), as go-micro does.
     */
    static String advertised(InetSocketAddress bound) {
        InetAddress ip = bound.getAddress();
        String host;
        if (ip.isAnyLocalAddress()) {
            host = machineAddress();
        } else if (ip instanceof Inet6Address) {
            String text = ip.getHostAddress();
            int zone = text.indexOf('%');
            host = "[" + (zone < 0 ? text : text.substring(0, zone)) + "]";
        } else {
            host = ip.getHostAddress();
        }
        return host + ":" + bound.getPort();
    }

    private static String machineAddress() {
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
            return "127.0.0.1";
        } catch (SocketException e) {
            return "127.0.0.1";
        }
    }
}
