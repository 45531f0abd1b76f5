/**
 * The toolkit over a running {@code micro sidecar} ({@code --proxy_address host:port}), as micro's
 * CLI did: the registry is the sidecar's {@code /registry}, calls go to its {@code /rpc}, messages
 * to its {@code /broker}. Plain HTTP through the JDK's client; the sidecar's errors come back as
 * the go-micro errors it answered with.
 */
package io.microspring.toolkit.proxy;
