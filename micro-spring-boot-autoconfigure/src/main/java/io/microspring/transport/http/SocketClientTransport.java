package io.microspring.transport.http;

import java.time.Duration;

import org.reactivestreams.Publisher;

import io.microspring.internal.Deadlines;
import io.microspring.transport.Listener;
import io.microspring.transport.SendOptions;
import io.microspring.transport.Transport;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportHandler;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The client side of the HTTP transport on plain blocking sockets: the exchange of
 * {@link HttpTransport#send}, one {@link SocketExchange} per message on a connection of its own,
 * run on Reactor's bounded elastic threads. For a program that makes a call or two and exits (the
 * {@code micro} CLI): it loads no Netty class, which such a program would spend most of its time
 * starting, and leaves no selector thread in native code, which the JVM waits for at exit. It
 * speaks plain HTTP only. Streams go through an {@link HttpTransport} created on the first one; it
 * does not listen.
 */
public final class SocketClientTransport implements Transport {

    private HttpTransport streams;

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Listener listen(String address, TransportHandler handler) {
        throw new UnsupportedOperationException("the socket client transport only sends; serve with HttpTransport");
    }

    /** Cancelling the result closes the exchange's connection. */
    @Override
    public Mono<TransportMessage> send(String address, TransportMessage request, SendOptions options) {
        return Mono.<TransportMessage>create(sink -> {
            SocketExchange exchange = new SocketExchange(address);
            sink.onCancel(exchange::abort);
            try {
                sink.success(exchange.send(request, options));
            } catch (TransportException e) {
                if (!exchange.aborted()) {
                    sink.error(e);
                }
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** On the JDK's scheduler: a call over this transport loads no Netty class. */
    @Override
    public <T> Mono<T> deadline(Mono<T> call, Duration timeout) {
        return Deadlines.withinOnJdkScheduler(call, timeout);
    }

    @Override
    public synchronized Flux<TransportMessage> stream(String address, Publisher<TransportMessage> outbound,
            Duration connectTimeout) {
        if (streams == null) {
            streams = new HttpTransport(HttpTransportSettings.defaults());
        }
        return streams.stream(address, outbound, connectTimeout);
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close();
        }
    }
}
