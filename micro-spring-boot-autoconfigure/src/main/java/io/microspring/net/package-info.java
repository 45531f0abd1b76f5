/**
 * Network addresses as go-micro writes them: {@link io.microspring.net.HostPort} reads and writes
 * {@code host:port}, {@link io.microspring.net.AdvertiseAddress} picks the one a node registers.
 */
package io.microspring.net;
