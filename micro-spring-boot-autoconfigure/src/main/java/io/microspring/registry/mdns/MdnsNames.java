package io.microspring.registry.mdns;

import java.util.Locale;
import java.util.Optional;

/**
 * The DNS names go-micro's mDNS registry uses under a domain ({@code micro} by default):
 * <ul>
 * <li>{@code <service>.micro.}: the service type, whose PTR records point to its instances;</li>
 * <li>{@code <nodeId>.<service>.micro.}: one node, with SRV, A or AAAA, and TXT records;</li>
 * <li>{@code _services.micro.}: the listing, whose PTR records point to one entry per service,
 * {@code <service>._services.micro.} (go-micro's "wildcard" entry);</li>
 * <li>{@code _services._dns-sd._udp.micro.}: DNS-SD service type enumeration (RFC 6763 section 9).</li>
 * </ul>
 * DNS compares names without regard to letter case; so do the methods here.
 *
 * @param domain the domain without trailing dot
 */
record MdnsNames(String domain) {

    /** The service type go-micro lists services under. */
    static final String LISTING_LABEL = "_services";

    String service(String service) {
        return service + "." + domain + ".";
    }

    String instance(String nodeId, String service) {
        return nodeId + "." + service(service);
    }

    String listing() {
        return LISTING_LABEL + "." + domain + ".";
    }

    String listingEntry(String service) {
        return service + "." + listing();
    }

    String enumeration() {
        return "_services._dns-sd._udp." + domain + ".";
    }

    /** The node id in {@code instanceName} when it is an instance of {@code service}. */
    Optional<String> nodeId(String instanceName, String service) {
        return prefix(instanceName, "." + service(service));
    }

    /** The service a listing entry ({@code <service>._services.<domain>.}) stands for. */
    Optional<String> listedService(String entryName) {
        return prefix(entryName, "." + listing());
    }

    static boolean same(String name, String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The key under which a name is kept in maps: DNS names are not case sensitive. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> prefix(String name, String suffix) {
        int start = name.length() - suffix.length();
        if (start <= 0 || !name.regionMatches(true, start, suffix, 0, suffix.length())) {
            return Optional.empty();
        }
        return Optional.of(name.substring(0, start));
    }
}
