package io.microspring.server;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import io.microspring.metadata.Metadata;
import io.microspring.transport.MicroHeaders;

/**
 * The caller's metadata within received headers: every header except the protocol's own and
 * HTTP's ({@link MicroHeaders#isMetadata}), read through without copying.
 */
final class CallerMetadata extends AbstractMap<String, String> {

    private final Map<String, String> headers;

    private CallerMetadata(Map<String, String> headers) {
        this.headers = headers;
    }

    static Metadata of(Metadata headers) {
        return Metadata.view(new CallerMetadata(headers.asMap()));
    }

    @Override
    public String get(Object name) {
        return name instanceof String header && MicroHeaders.isMetadata(header) ? headers.get(header) : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return headers.entrySet().stream().filter(entry -> MicroHeaders.isMetadata(entry.getKey())).iterator();
            }

            @Override
            public int size() {
                return (int) headers.keySet().stream().filter(MicroHeaders::isMetadata).count();
            }
        };
    }
}
