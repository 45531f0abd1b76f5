package io.microspring.transport.http;

import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.transport.MicroHeaders;
import io.microspring.transport.TransportHandler;
import io.microspring.transport.TransportMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Serves one HTTP request on the event loop: reads the body (within the size limit), hands the
 * message to the transport handler and writes its answer as {@code 200} with the given headers.
 * Problems found here (wrong method, body too large) are answered as go-micro errors too.
 */
final class HttpExchange {

    private static final Logger log = LoggerFactory.getLogger(HttpExchange.class);
    private static final String ID = "go.micro.transport";

    private final TransportHandler handler;
    private final int maxBodySize;

    HttpExchange(TransportHandler handler, int maxBodySize) {
        this.handler = handler;
        this.maxBodySize = maxBodySize;
    }

    Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        if (!HttpMethod.POST.equals(request.method())) {
            return replyError(response, MicroException.methodNotAllowed(ID,
                    "%s is not allowed: go-micro calls are POST requests", request.method()), false);
        }
        long declared = request.requestHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
        if (declared > maxBodySize) {
            return replyError(response, tooLarge(declared), true);
        }
        Metadata headers = HttpHeadersView.metadata(request.requestHeaders());
        return receive(request)
                .flatMap(body -> handler.handle(new TransportMessage(headers, body)))
                .flatMap(answer -> reply(response, answer))
                .onErrorResume(error -> {
                    if (error instanceof BodyTooLargeException tooLarge) {
                        return replyError(response, tooLarge(tooLarge.size), true);
                    }
                    log.error("Unexpected failure serving a call from {}", request.remoteAddress(), error);
                    return replyError(response, MicroException.internalServerError(ID, "internal error"), true);
                });
    }

    private Mono<byte[]> receive(HttpServerRequest request) {
        AtomicLong size = new AtomicLong();
        return ByteBufFlux.fromInbound(request.receive().doOnNext(chunk -> {
            long total = size.addAndGet(chunk.readableBytes());
            if (total > maxBodySize) {
                throw new BodyTooLargeException(total);
            }
        })).aggregate().asByteArray().defaultIfEmpty(new byte[0]);
    }

    private static Mono<Void> reply(HttpServerResponse response, TransportMessage answer) {
        HttpHeaders headers = response.responseHeaders();
        answer.headers().asMap().forEach((name, value) -> headers.add(HeaderNames.of(name), value));
        response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.body().length));
        return response.sendByteArray(Mono.just(answer.body())).then();
    }

    private static Mono<Void> replyError(HttpServerResponse response, MicroException error, boolean close) {
        if (close) {
            response.keepAlive(false);
        }
        return reply(response, new TransportMessage(Metadata.of(MicroHeaders.ERROR, error.toJson()), null));
    }

    private MicroException tooLarge(long size) {
        return new MicroException(ID, 413, "request body of " + size + " bytes exceeds the limit of " + maxBodySize
                + " bytes (micro.server-max-body-size)");
    }

    private static final class BodyTooLargeException extends RuntimeException {

        private final long size;

        BodyTooLargeException(long size) {
            super(null, null, false, false);
            this.size = size;
        }
    }
}
