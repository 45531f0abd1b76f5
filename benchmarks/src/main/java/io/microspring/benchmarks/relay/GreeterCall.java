package io.microspring.benchmarks.relay;

import java.nio.charset.StandardCharsets;

import io.microspring.codec.json.JsonCodec;
import io.microspring.transport.MicroHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;

/**
 * What both relays forward, and as what: {@code POST /greeter/say/hello} becomes the go-micro call
 * to {@code go.micro.srv.greeter}'s {@code Say.Hello} (the gateway's rpc handler in namespace
 * {@code go.micro.srv}), {@code POST /} with the headers that {@code benchmarks/wrk/greeter.lua}
 * sends for the direct call, so the greeter does the same work behind a relay as in front of wrk.
 * The greeter's answer goes back as it is, unless it carries a go-micro error ({@code Micro-Error},
 * with status 200 and no body, as go-micro's HTTP transport answers errors): then a 500 with the
 * error's JSON (the relays read no JSON, so they do not map its code to a status, as the gateway does).
 */
final class GreeterCall {

    /** The path the relays answer; any other is a 404. */
    static final String PATH = "/greeter/say/hello";
    /** Where the call goes on the greeter: go-micro's HTTP transport takes every message at its root. */
    static final String URI = "/";
    /** The content type of the call and of the relayed answer. */
    static final AsciiString JSON = AsciiString.cached(JsonCodec.CONTENT_TYPE);

    private static final AsciiString SERVICE = AsciiString.cached("go.micro.srv.greeter");
    private static final AsciiString ENDPOINT = AsciiString.cached("Say.Hello");
    private static final AsciiString ID = AsciiString.cached("1");
    /** Five seconds in nanoseconds, as greeter.lua sends it (the gateway sends the time left of its deadline). */
    private static final AsciiString TIMEOUT = AsciiString.cached("5000000000");

    private GreeterCall() {
    }

    /** Whether a request with {@code method} to {@code uri} is the one the relays forward. */
    static boolean isRelayed(HttpMethod method, String uri) {
        return HttpMethod.POST.equals(method) && PATH.equals(uri);
    }

    /** Adds the call's go-micro headers to {@code headers} (not {@code Host} and {@code Content-Length}). */
    static void addHeaders(HttpHeaders headers) {
        headers.add(MicroHeaders.CONTENT_TYPE, JSON)
                .add(MicroHeaders.ACCEPT, JSON)
                .add(MicroHeaders.ID, ID)
                .add(MicroHeaders.SERVICE, SERVICE)
                .add(MicroHeaders.ENDPOINT, ENDPOINT)
                .add(MicroHeaders.METHOD, ENDPOINT)
                .add(MicroHeaders.TIMEOUT, TIMEOUT);
    }

    /** The status a relay answers for the greeter's {@code status} and {@code headers}. */
    static HttpResponseStatus status(HttpResponseStatus status, HttpHeaders headers) {
        return headers.contains(MicroHeaders.ERROR) ? HttpResponseStatus.INTERNAL_SERVER_ERROR : status;
    }

    /** The body a relay answers for the greeter's {@code headers} and {@code body}, which it takes over. */
    static ByteBuf body(HttpHeaders headers, ByteBuf body) {
        String error = headers.get(MicroHeaders.ERROR);
        if (error == null) {
            return body;
        }
        body.release();
        return Unpooled.copiedBuffer(error, StandardCharsets.UTF_8);
    }
}
