package io.microspring.transport.http;

import java.util.Map;

import io.microspring.metadata.Metadata;
import io.netty.handler.codec.http.HttpHeaders;

/** Netty headers as message headers: one value per name (the first), names kept as sent. */
final class HttpHeadersView {

    private HttpHeadersView() {
    }

    static Metadata metadata(HttpHeaders headers) {
        Metadata.Builder builder = Metadata.builder();
        for (Map.Entry<String, String> header : headers) {
            builder.putIfAbsent(header.getKey(), header.getValue());
        }
        return builder.build();
    }
}
