/**
 * go-micro's default registry, multicast DNS, compatible on the wire with go-micro v5: {@link
 * io.microspring.registry.mdns.MdnsRegistry} with its {@link io.microspring.registry.mdns.MdnsSettings}.
 * The rest is package-private: the DNS message codec, the TXT encoding, the responder that answers
 * for this process's nodes, the querier behind lookups, the watch bookkeeping and the sockets.
 */
package io.microspring.registry.mdns;
