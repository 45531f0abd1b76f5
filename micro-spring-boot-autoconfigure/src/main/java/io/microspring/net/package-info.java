/**
 * Network addresses as go-micro writes them: {@link io.microspring.net.HostPort} reads and writes
 * {@code host:port}, {@link io.microspring.net.AdvertiseAddress} picks the one a node registers.
 * {@link io.microspring.net.TlsSettings} secure a component that serves and calls, through the
 * Netty handlers of {@link io.microspring.net.NettyTls}.
 */
package io.microspring.net;
