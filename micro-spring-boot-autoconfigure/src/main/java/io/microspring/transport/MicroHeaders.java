package io.microspring.transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.microspring.metadata.Metadata;

/** The header names of go-micro's wire protocol, and how to read them ({@code X-} forms accepted). */
public final class MicroHeaders {

    public static final String SERVICE = "Micro-Service";
    public static final String ENDPOINT = "Micro-Endpoint";
    public static final String METHOD = "Micro-Method";
    public static final String ID = "Micro-Id";
    public static final String ERROR = "Micro-Error";
    public static final String TOPIC = "Micro-Topic";
    public static final String STREAM = "Micro-Stream";
    /** The {@code Micro-Error} value that ends a stream, sent by either side. */
    public static final String END_OF_STREAM = "EOS";
    public static final String PROTOCOL = "Micro-Protocol";
    /** The caller's timeout in nanoseconds, as a decimal string. */
    public static final String TIMEOUT = "Timeout";
    /** The longest timeout {@link #TIMEOUT} can carry: Go's longest {@code time.Duration}, about 292 years. */
    public static final Duration MAX_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String ACCEPT = "Accept";
    public static final String X_PREFIX = "X-";

    /** Headers of the wire protocol and of HTTP itself, which are not the caller's metadata. */
    private static final Set<String> NOT_METADATA = caseInsensitive(SERVICE, ENDPOINT, METHOD, ID, ERROR, TOPIC,
            STREAM, PROTOCOL, TIMEOUT, CONTENT_TYPE, ACCEPT, "Content-Length", "Host", "Accept-Encoding", "User-Agent",
            "Expect");

    /** HTTP headers of one connection (RFC 9110, 7.6.1), and the non-standard Proxy-Connection. */
    private static final Set<String> HOP_BY_HOP = caseInsensitive("Connection", "Keep-Alive", "Proxy-Authenticate",
            "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade");

    /**
     * Headers the HTTP transport writes itself for each message it sends ({@code Host} and
     * {@code Content-Length}): a message's own, or a {@code Transfer-Encoding}, would frame the body
     * wrongly.
     */
    private static final Set<String> FRAMING = caseInsensitive("Host", "Content-Length", "Transfer-Encoding");

    private MicroHeaders() {
    }

    /** The value of {@code name}, or of {@code X-name} when only that is present. */
    public static Optional<String> get(Metadata headers, String name) {
        return Optional.ofNullable(valueOf(headers, name));
    }

    /**
     * The value of {@code name}, or of {@code X-name} when only that is present; {@code null} when
     * neither is present and not empty: for the call path, which falls back from one header to
     * another without an {@link Optional} chain and its lambdas.
     */
    public static String valueOf(Metadata headers, String name) {
        String value = headers.get(name).orElse(null);
        if (value == null || value.isEmpty()) {
            value = headers.get(X_PREFIX + name).orElse(null);
        }
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Whether {@code header} carries the caller's metadata rather than the protocol's own data or
     * HTTP's: go-micro's headers, HTTP's own and the hop-by-hop ones are not.
     */
    public static boolean isMetadata(String header) {
        String name = header.regionMatches(true, 0, X_PREFIX, 0, 2) && header.regionMatches(true, 2, "Micro-", 0, 6)
                ? header.substring(2) : header;
        return !NOT_METADATA.contains(name) && !isHopByHop(name);
    }

    /** Whether {@code header} concerns only one HTTP connection, so that a proxy must not pass it on. */
    public static boolean isHopByHop(String header) {
        return HOP_BY_HOP.contains(header);
    }

    /**
     * Whether {@code header} frames the HTTP message, so that a sender writes it itself and never
     * passes on a message's own.
     */
    public static boolean isFraming(String header) {
        return FRAMING.contains(header);
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }
}
