package io.microspring.transport.http;

import io.microspring.transport.MicroHeaders;
import io.microspring.transport.TransportMessage;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The client's side of go-micro's HTTP messages, for unary calls and streams alike: a message goes
 * out as {@code POST /} with its headers, {@code Host} and {@code Content-Length}; an answer is a
 * message only with {@code 200}, any other status is a failure of the exchange.
 */
final class ClientMessages {

    private ClientMessages() {
    }

    /**
     * {@code message} as the request to the node at {@code address}: its headers but those that
     * frame the message ({@link MicroHeaders#isFraming}), which are written here.
     */
    static FullHttpRequest request(String address, TransportMessage message) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(message.body()));
        HttpHeaders headers = request.headers();
        // the names are unique (metadata is case-insensitive), so add, without set's search for an earlier value
        message.headers().asMap().forEach((name, value) -> {
            if (!MicroHeaders.isFraming(name)) {
                headers.add(name, value);
            }
        });
        headers.add(HttpHeaderNames.HOST, address);
        headers.add(HttpHeaderNames.CONTENT_LENGTH, ContentLengths.of(message.body().length));
        return request;
    }

    /** The node's answer as a message; fails, as processed, unless the status is {@code 200}. */
    static TransportMessage answer(String address, HttpResponseStatus status, HttpHeaders headers, byte[] body) {
        if (status.code() != HttpResponseStatus.OK.code()) {
            throw NodeFailures.notOk(address, status.toString(), body);
        }
        return new TransportMessage(HttpHeadersView.metadata(headers), body);
    }
}
