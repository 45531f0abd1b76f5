package io.microspring.gateway.handler;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.microspring.net.HostPort;
import reactor.netty.http.client.HttpClient;

/**
 * The proxy's HTTP client of each node, made once from one base client and sharing its connection
 * pool: an exchange then names only its path and query, so no absolute URI is parsed per request.
 * The address stays unresolved, so a host name is looked up when a connection is made, not per
 * request. Clients of nodes long gone are dropped with the others once there are
 * {@value #MAX_CLIENTS}.
 */
final class NodeClients {

    private static final int MAX_CLIENTS = 4096;

    private final HttpClient base;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    NodeClients(HttpClient base) {
        this.base = base;
    }

    /** The client of the node at {@code address} ({@code host:port}); fails on an address that is none. */
    HttpClient of(String address) {
        HttpClient client = clients.get(address);
        if (client != null) {
            return client;
        }
        HostPort node = HostPort.parse(address).requireHost();
        InetSocketAddress remote = InetSocketAddress.createUnresolved(node.host(), node.port());
        if (clients.size() >= MAX_CLIENTS) {
            clients.clear();
        }
        return clients.computeIfAbsent(address, key -> base.remoteAddress(() -> remote));
    }
}
