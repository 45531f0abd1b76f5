package io.microspring.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The {@code host:port} a node registers, chosen as go-micro does: the advertise address when one
 * is set, else the bound address; a wildcard host ({@code ""}, {@code 0.0.0.0}, {@code ::}) is
 * replaced by this machine's first private IPv4 address (else its first other IPv4 address,
 * loopback when there is none), and a missing or zero port by the bound one.
 */
public final class AdvertiseAddress {

    private AdvertiseAddress() {
    }

    /**
     * The address to register for a listener bound to {@code bound}.
     *
     * @param advertise the configured advertise address ({@code host}, {@code host:port}), blank for none
     * @throws IllegalArgumentException when {@code advertise} is not {@code host} or {@code host:port}
     */
    public static HostPort resolve(String advertise, HostPort bound) {
        HostPort chosen = advertise == null || advertise.isBlank() ? bound : HostPort.parse(advertise, 0);
        if (chosen.port() == 0) {
            chosen = chosen.withPort(bound.port());
        }
        return chosen.isWildcard() ? new HostPort(machineAddress(), chosen.port()) : chosen;
    }

    private static String machineAddress() {
        try {
            String fallback = null;
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
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
