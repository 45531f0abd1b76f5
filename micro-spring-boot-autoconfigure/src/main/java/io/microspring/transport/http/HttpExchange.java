package io.microspring.transport.http;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;
import io.microspring.transport.MicroHeaders;
import io.microspring.transport.TransportHandler;
import io.microspring.transport.TransportMessage;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.util.context.Context;

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
        return new Served(request, response, (int) declared);
    }

    private static Mono<Void> reply(HttpServerResponse response, TransportMessage answer) {
        HttpHeaders headers = response.responseHeaders();
        answer.headers().asMap().forEach((name, value) -> headers.add(HeaderNames.of(name), value));
        response.header(HttpHeaderNames.CONTENT_LENGTH, ContentLengths.of(answer.body().length));
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

    /**
     * One request served as one operator rather than a chain of a dozen per request: the body is
     * read (chunk by chunk, within the size limit) into one array, handed with the headers to the
     * transport handler, and its answer written; a failure on the way is answered as an error.
     * Each step subscribes this same subscriber to the next publisher, once the last has ended.
     */
    private final class Served extends Mono<Void> {

        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final int declared;

        Served(HttpServerRequest request, HttpServerResponse response, int declared) {
            this.request = request;
            this.response = response;
            this.declared = declared;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Void> actual) {
            Serving serving = new Serving(actual, this);
            actual.onSubscribe(serving);
            request.receive().subscribe(serving);
        }
    }

    private final class Serving implements CoreSubscriber<Object>, Subscription {

        private static final int READING = 0;
        private static final int HANDLING = 1;
        private static final int WRITING = 2;
        private static final int WRITING_ERROR = 3;
        private static final int DONE = 4;
        private static final byte[] NO_BODY = new byte[0];
        private static final AtomicReferenceFieldUpdater<Serving, Subscription> CURRENT =
                AtomicReferenceFieldUpdater.newUpdater(Serving.class, Subscription.class, "current");

        private final CoreSubscriber<? super Void> actual;
        private final Served served;
        /** The step, changed only by the signals, which come one after the other. */
        private int step = READING;
        private byte[] body = NO_BODY;
        private int size;
        private TransportMessage answer;
        private volatile Subscription current;

        Serving(CoreSubscriber<? super Void> actual, Served served) {
            this.actual = actual;
            this.served = served;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.replace(CURRENT, this, subscription)) {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(Object value) {
            if (step == READING) {
                read((ByteBuf) value);
            } else if (step == HANDLING) {
                answer = (TransportMessage) value;
            }
        }

        private void read(ByteBuf chunk) {
            int length = chunk.readableBytes();
            long total = (long) size + length;
            if (total > maxBodySize) {
                current.cancel();
                fail(new BodyTooLargeException(total));
                return;
            }
            if (total > body.length) {
                long doubled = Math.min(2L * body.length, maxBodySize);
                body = Arrays.copyOf(body, (int) Math.max(total, Math.max(served.declared, doubled)));
            }
            chunk.getBytes(chunk.readerIndex(), body, size, length);
            size = (int) total;
        }

        @Override
        public void onComplete() {
            switch (step) {
                case READING -> handle();
                case HANDLING -> write();
                case WRITING, WRITING_ERROR -> {
                    step = DONE;
                    actual.onComplete();
                }
                default -> {
                }
            }
        }

        private void handle() {
            step = HANDLING;
            byte[] received = size == body.length ? body : Arrays.copyOf(body, size);
            body = null;
            Mono<TransportMessage> answered;
            try {
                answered = handler.handle(new TransportMessage(HttpHeadersView.metadata(
                        served.request.requestHeaders()), received));
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            answered.subscribe(this);
        }

        private void write() {
            if (answer == null) {
                step = DONE;
                actual.onComplete();
                return;
            }
            step = WRITING;
            Mono<Void> written;
            try {
                written = reply(served.response, answer);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            written.subscribe(this);
        }

        @Override
        public void onError(Throwable error) {
            if (step == WRITING_ERROR) {
                step = DONE;
                actual.onError(error);
            } else if (step == DONE) {
                Operators.onErrorDropped(error, actual.currentContext());
            } else {
                fail(error);
            }
        }

        private void fail(Throwable error) {
            step = WRITING_ERROR;
            Mono<Void> written;
            try {
                if (error instanceof BodyTooLargeException tooLarge) {
                    written = replyError(served.response, tooLarge(tooLarge.size), true);
                } else {
                    log.error("Unexpected failure serving a call from {}", served.request.remoteAddress(), error);
                    written = replyError(served.response, MicroException.internalServerError(ID, "internal error"),
                            true);
                }
            } catch (RuntimeException e) {
                step = DONE;
                actual.onError(e);
                return;
            }
            written.subscribe(this);
        }

        @Override
        public void request(long n) {
            // nothing is emitted but the end
        }

        @Override
        public void cancel() {
            Operators.terminate(CURRENT, this);
        }
    }

    private static final class BodyTooLargeException extends RuntimeException {

        private final long size;

        BodyTooLargeException(long size) {
            super(null, null, false, false);
            this.size = size;
        }
    }
}
