package io.microspring.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/**
 * The {@code host:port} a node registers, chosen as go-micro does: the advertise address when one
 * is set, else the bound address; a wildcard host ({@code ""}, {@code 0.0.0.0}, {@code ::}) is
 * replaced by this machine's first private IPv4 address (loopback when there is none).
 */
public final class AdvertiseAddress {

    private AdvertiseAddress() {
    }

    /** The {@code host:port} to register for a server bound to {@code bound}, given {@code advertise} (may be empty). */
    public static String resolve(String advertise, String bound) {
        String chosen = advertise.isBlank() ? bound : advertise;
        int colon = chosen.lastIndexOf(':');
        String host = colon < 0 ? chosen : chosen.substring(0, colon);
        String port = colon < 0 ? bound.substring(bound.lastIndexOf(':') + 1) : chosen.substring(colon + 1);
        if (port.isEmpty() || port.equals("0")) {
            port = bound.substring(bound.lastIndexOf(':') + 1);
        }
        if (isWildcard(host)) {
            host = machineAddress();
        }
        return host + ":" + port;
    }

    private static boolean isWildcard(String host) {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")
                || host.equals("[0:0:0:0:0:0:0:0]");
    }

    private static String machineAddress() {
        try {
            String fallback = null;
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                List<InetAddress> addresses = Collections.list(network.getInetAddresses());
                for (InetAddress address : addresses) {
                    if (address instanceof Inet4Address) {
                        if (address.isSiteLocalAddress()) {
                            return address.getHostAddress();
                        }
                        fallback = fallback == null ? address.getHostAddress() : fallback;
                    }
                }
            }
            return fallback != null ? fallback : "127.0.0.1";
        } catch (SocketException e) {
            return "127.0.0.1";
        }
    }
}
