package io.microspring.registry.mdns;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.microspring.internal.Durations;

/**
 * Settings of the mDNS registry ({@code micro.mdns.*}).
 *
 * @param interfaces the network interfaces to send and receive mDNS on ({@code micro.mdns.interfaces});
 *        by default only the loopback interface, so nothing leaves the machine
 * @param domain the DNS domain of the records ({@code micro.mdns.domain}); go-micro's is {@code micro}
 * @param queryTimeout how long a lookup listens for answers ({@code micro.mdns.query-timeout});
 *        every lookup takes this long unless {@code settleTime} is set
 * @param settleTime when set, a service's lookup ends once this long has passed without an answer
 *        after the last one (within the query timeout), rather than listening the whole timeout;
 *        for a command line that needs a node, not every node; {@code null} for services
 */
public record MdnsSettings(List<String> interfaces, String domain, Duration queryTimeout, Duration settleTime) {

    /** The loopback interface (its Linux name): processes on this machine only. */
    public static final List<String> DEFAULT_INTERFACES = List.of("lo");
    /** go-micro's domain. */
    public static final String DEFAULT_DOMAIN = "micro";
    /**
     * go-micro waits 100ms; a little more lets a busy JVM on a loaded machine answer in time.
     */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMillis(250);

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63})*");

    public MdnsSettings {
        Objects.requireNonNull(interfaces, "micro.mdns.interfaces");
        Objects.requireNonNull(domain, "micro.mdns.domain");
        Objects.requireNonNull(queryTimeout, "micro.mdns.query-timeout");
        interfaces = interfaces.stream().map(String::strip).toList();
        if (interfaces.isEmpty() || interfaces.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(
                    "micro.mdns.interfaces must name at least one network interface (such as lo), got " + interfaces);
        }
        domain = domain.strip();
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("micro.mdns.domain must be a DNS name such as '" + DEFAULT_DOMAIN
                    + "' (labels of letters, digits, '-' and '_' separated by dots), got '" + domain + "'");
        }
        Durations.requirePositive(queryTimeout, "micro.mdns.query-timeout");
        if (settleTime != null) {
            Durations.requirePositive(settleTime, "mDNS settle time");
        }
    }

    /** Lookups that listen the whole {@code queryTimeout}. */
    public MdnsSettings(List<String> interfaces, String domain, Duration queryTimeout) {
        this(interfaces, domain, queryTimeout, null);
    }

    /** The defaults above. */
    public static MdnsSettings defaults() {
        return new MdnsSettings(DEFAULT_INTERFACES, DEFAULT_DOMAIN, DEFAULT_QUERY_TIMEOUT);
    }
}
