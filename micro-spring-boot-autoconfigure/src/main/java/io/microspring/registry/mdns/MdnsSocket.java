package io.microspring.registry.mdns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.registry.RegistryException;

/**
 * The two UDP sockets of the mDNS registry (IPv4), read by one daemon thread:
 * <ul>
 * <li>the shared socket on port 5353 (SO_REUSEADDR and SO_REUSEPORT, so Java and Go processes can
 * all bind it), joined to group 224.0.0.251 on the configured interfaces only: it receives
 * queries, announcements and goodbyes;</li>
 * <li>a socket on an ephemeral port that sends everything (queries, answers, announcements) and
 * receives the unicast answers to its queries, as go-micro's client does: a unicast answer sent
 * to the shared port would reach just one of the processes sharing it.</li>
 * </ul>
 * Multicasts leave through each configured interface in turn (IP_MULTICAST_IF) with
 * IP_MULTICAST_LOOP on, so processes on the same machine see each other. Packets this socket
 * sent itself are dropped, and so are packets from outside the configured interfaces' networks
 * unless they come from this machine, so unicast answers never go anywhere else.
 */
final class MdnsSocket implements AutoCloseable {

    /** mDNS's IPv4 group. */
    static final InetSocketAddress GROUP = new InetSocketAddress(ipv4(224, 0, 0, 251), 5353);

    private static final Logger log = LoggerFactory.getLogger(MdnsSocket.class);

    private final List<NetworkInterface> interfaces;
    private final List<InterfaceAddress> networks = new ArrayList<>();
    private final Set<InetAddress> localAddresses = new HashSet<>();
    private final DatagramChannel shared;
    private final DatagramChannel unicast;
    private final int unicastPort;
    private final Selector selector;
    private final Thread receiver;
    private final Object sendLock = new Object();
    private final BiConsumer<DnsMessage, InetSocketAddress> handler;
    private volatile boolean open = true;

    /**
     * Binds, joins the group on {@code interfaces} and starts the receive thread, which passes
     * every message from another socket to {@code handler}.
     *
     * @throws RegistryException when an interface is missing or down, or binding or joining fails
     */
    MdnsSocket(List<String> interfaceNames, BiConsumer<DnsMessage, InetSocketAddress> handler) {
        this.handler = handler;
        this.interfaces = resolve(interfaceNames);
        DatagramChannel sharedChannel = null;
        DatagramChannel unicastChannel = null;
        Selector sel = null;
        int port;
        try {
            for (NetworkInterface nif : interfaces) {
                nif.getInterfaceAddresses().stream().filter(a -> a.getAddress() instanceof Inet4Address)
                        .forEach(networks::add);
            }
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                localAddresses.addAll(Collections.list(nif.getInetAddresses()));
            }
            sharedChannel = DatagramChannel.open(StandardProtocolFamily.INET);
            sharedChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (sharedChannel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                sharedChannel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            bindShared(sharedChannel);
            for (NetworkInterface nif : interfaces) {
                join(sharedChannel, nif);
            }
            unicastChannel = DatagramChannel.open(StandardProtocolFamily.INET);
            unicastChannel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            unicastChannel.bind(new InetSocketAddress(0));
            port = ((InetSocketAddress) unicastChannel.getLocalAddress()).getPort();
            sel = Selector.open();
            sharedChannel.configureBlocking(false).register(sel, SelectionKey.OP_READ);
            unicastChannel.configureBlocking(false).register(sel, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            closeQuietly(sharedChannel);
            closeQuietly(unicastChannel);
            closeQuietly(sel);
            throw e instanceof RegistryException registryException ? registryException
                    : new RegistryException("mdns: cannot open the mDNS sockets: " + e, e);
        }
        this.shared = sharedChannel;
        this.unicast = unicastChannel;
        this.unicastPort = port;
        this.selector = sel;
        this.receiver = new Thread(this::receiveLoop, "micro-mdns-receiver");
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    /** Sends {@code message} to the group through every configured interface. */
    void sendMulticast(DnsMessage message) {
        byte[] bytes = DnsCodec.encode(message);
        synchronized (sendLock) {
            for (NetworkInterface nif : interfaces) {
                try {
                    unicast.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
                    send(bytes, GROUP);
                } catch (IOException e) {
                    log.warn("mdns: cannot send to {} through {}: {}", GROUP, nif.getName(), e.toString());
                }
            }
        }
    }

    /** Sends {@code message} to one socket. */
    void sendUnicast(DnsMessage message, InetSocketAddress to) {
        byte[] bytes = DnsCodec.encode(message);
        synchronized (sendLock) {
            try {
                send(bytes, to);
            } catch (IOException e) {
                log.warn("mdns: cannot send to {}: {}", to, e.toString());
            }
        }
    }

    @Override
    public void close() {
        open = false;
        selector.wakeup();
        if (Thread.currentThread() != receiver) {
            try {
                receiver.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(selector);
        closeQuietly(shared);
        closeQuietly(unicast);
    }

    private void send(byte[] bytes, InetSocketAddress to) throws IOException {
        if (unicast.send(ByteBuffer.wrap(bytes), to) == 0) {
            log.warn("mdns: send buffer full, dropped a message of {} bytes to {}", bytes.length, to);
        }
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(DnsCodec.MAX_MESSAGE_SIZE);
        while (open) {
            try {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    SocketAddress from;
                    while (open && (from = channel.receive(buffer.clear())) != null) {
                        handle(buffer, (InetSocketAddress) from);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (open) {
                    log.warn("mdns: receive failed: {}", e.toString());
                }
            }
        }
    }

    private void handle(ByteBuffer buffer, InetSocketAddress from) {
        if (!accepts(from)) {
            return;
        }
        DnsMessage message;
        try {
            message = DnsCodec.decode(buffer.array(), buffer.position());
        } catch (IllegalArgumentException e) {
            if (log.isDebugEnabled()) {
                log.debug("mdns: dropped a message from {}: {}: {}", from, e.getMessage(),
                        HexFormat.of().formatHex(buffer.array(), 0, buffer.position()));
            }
            return;
        }
        try {
            handler.accept(message, from);
        } catch (RuntimeException e) {
            log.warn("mdns: failed to handle a message from {}", from, e);
        }
    }

    /**
     * Not our own packet, and from a configured interface's network or from this machine. Source
     * 0.0.0.0 is this machine too: Linux sends from it when the multicast route's interface has no
     * address of link scope (loopback only has one of host scope), and an answer to it stays here.
     */
    private boolean accepts(InetSocketAddress from) {
        InetAddress address = from.getAddress();
        boolean local = address.isAnyLocalAddress() || localAddresses.contains(address);
        if (local && from.getPort() == unicastPort) {
            return false;
        }
        return local || networks.stream().anyMatch(network -> inNetwork(address, network));
    }

    private static boolean inNetwork(InetAddress address, InterfaceAddress network) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress().getAddress();
        if (a.length != n.length) {
            return false;
        }
        int bits = network.getNetworkPrefixLength();
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (n[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static List<NetworkInterface> resolve(List<String> names) {
        List<NetworkInterface> resolved = new ArrayList<>();
        for (String name : names) {
            try {
                NetworkInterface nif = NetworkInterface.getByName(name);
                if (nif == null) {
                    throw new RegistryException("mdns: micro.mdns.interfaces names '" + name
                            + "', but this machine has no such network interface; it has " + interfaceNames());
                }
                if (!nif.isUp()) {
                    throw new RegistryException("mdns: network interface '" + name
                            + "' is down; bring it up (on Linux: ip link set " + name + " up)");
                }
                resolved.add(nif);
            } catch (SocketException e) {
                throw new RegistryException("mdns: cannot read network interface '" + name + "': " + e, e);
            }
        }
        return resolved;
    }

    private static void bindShared(DatagramChannel channel) {
        try {
            channel.bind(new InetSocketAddress(GROUP.getPort()));
        } catch (IOException e) {
            throw new RegistryException("mdns: cannot bind UDP port " + GROUP.getPort()
                    + " (another program holds it without SO_REUSEADDR?): " + e, e);
        }
    }

    private static void join(DatagramChannel channel, NetworkInterface nif) {
        try {
            channel.join(GROUP.getAddress(), nif);
        } catch (IOException | RuntimeException e) {
            throw new RegistryException("mdns: cannot join multicast group " + GROUP.getAddress().getHostAddress()
                    + " on network interface '" + nif.getName() + "' (" + e + "). The interface must be up, have an"
                    + " IPv4 address and accept multicast; on Linux: ip link set " + nif.getName() + " up multicast on",
                    e);
        }
    }

    private static String interfaceNames() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .map(NetworkInterface::getName).sorted().toList().toString();
        } catch (SocketException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    private static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }
}
