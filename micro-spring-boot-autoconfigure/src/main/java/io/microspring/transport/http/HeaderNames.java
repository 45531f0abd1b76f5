package io.microspring.transport.http;

import java.util.HashMap;
import java.util.Map;

import io.microspring.transport.MicroHeaders;
import io.netty.util.AsciiString;

/**
 * The protocol's header names as Netty's own string type, by the names the framework spells them
 * with: an {@link AsciiString} keeps its case-insensitive hash, so Netty's headers look it up and
 * add it without hashing it again, and it is copied to the wire as bytes. A {@code String} name
 * is hashed on every lookup and encoded on every answer.
 */
final class HeaderNames {

    private static final Map<String, AsciiString> KNOWN = known(MicroHeaders.ID, MicroHeaders.SERVICE,
            MicroHeaders.METHOD, MicroHeaders.ENDPOINT, MicroHeaders.ERROR, MicroHeaders.CONTENT_TYPE,
            MicroHeaders.TIMEOUT);

    private HeaderNames() {
    }

    /** {@code name} as an {@link AsciiString} when it is one of the protocol's, else {@code name} itself. */
    static CharSequence of(String name) {
        AsciiString known = KNOWN.get(name);
        return known != null ? known : name;
    }

    /**
     * Each name plainly and in its {@code X-} form, interned as the constants naming them elsewhere
     * are, so that a lookup by a constant finds its key by identity.
     */
    private static Map<String, AsciiString> known(String... names) {
        Map<String, AsciiString> known = new HashMap<>();
        for (String name : names) {
            known.put(name, AsciiString.cached(name));
            String xName = (MicroHeaders.X_PREFIX + name).intern();
            known.put(xName, AsciiString.cached(xName));
        }
        return Map.copyOf(known);
    }
}
