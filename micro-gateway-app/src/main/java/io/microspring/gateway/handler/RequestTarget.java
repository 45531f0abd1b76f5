package io.microspring.gateway.handler;

import java.util.Optional;

/**
 * The request target of an HTTP request line split, unparsed, into its raw (percent-encoded) path
 * and query, as {@code URI.getRawPath()} and {@code getRawQuery()} give them: for targets in
 * origin form ({@code /path?query}) made only of the characters a URI may hold (RFC 3986), with
 * well-formed percent-encoding. Anything else is left to WebFlux's URI parse.
 *
 * @param path the raw path, starting with {@code /}
 * @param query the raw query, {@code null} when the target has none
 */
record RequestTarget(String path, String query) {

    /** {@code uri} split into path and query; empty when it is not a plain origin-form target. */
    static Optional<RequestTarget> of(String uri) {
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            return Optional.empty();
        }
        int question = -1;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' && question < 0) {
                question = i;
            } else if (c == '%') {
                if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                        || Character.digit(uri.charAt(i + 2), 16) < 0) {
                    return Optional.empty();
                }
            } else if (!isUriCharacter(c)) {
                return Optional.empty();
            }
        }
        return Optional.of(question < 0 ? new RequestTarget(uri, null)
                : new RequestTarget(uri.substring(0, question), uri.substring(question + 1)));
    }

    /** Unreserved characters, sub-delimiters, and {@code : @ / ?} (RFC 3986 sections 2.2, 2.3, 3.3, 3.4). */
    private static boolean isUriCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }
}
