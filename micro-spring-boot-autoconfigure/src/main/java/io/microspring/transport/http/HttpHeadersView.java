package io.microspring.transport.http;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import io.microspring.metadata.Metadata;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Netty's headers as message headers without copying them: lookups ignore case as Netty's do, and
 * a name sent twice yields its first value.
 */
final class HttpHeadersView extends AbstractMap<String, String> {

    private final HttpHeaders headers;

    private HttpHeadersView(HttpHeaders headers) {
        this.headers = headers;
    }

    static Metadata metadata(HttpHeaders headers) {
        return Metadata.view(new HttpHeadersView(headers));
    }

    @Override
    public String get(Object name) {
        return name instanceof String header ? headers.get(HeaderNames.of(header)) : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String header && headers.contains(HeaderNames.of(header));
    }

    @Override
    public int size() {
        return headers.names().size();
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                Iterator<String> names = headers.names().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return names.hasNext();
                    }

                    @Override
                    public Entry<String, String> next() {
                        String name = names.next();
                        return Map.entry(name, headers.get(name));
                    }
                };
            }

            @Override
            public int size() {
                return HttpHeadersView.this.size();
            }
        };
    }
}
