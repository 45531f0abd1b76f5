package io.microspring.gateway.handler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * How long the proxy waits on a node that has gone quiet: an exchange fails with a
 * {@link SilentNode} once nothing went to or came from the node for the limit. Each
 * exchange has one task on a hashed wheel, which moves itself on when it finds the exchange
 * active; Reactor Netty's response timeout instead adds a handler to the connection's pipeline and
 * removes it again for every request. The wheel ticks every {@value #TICK_MILLIS} ms, which is how
 * precise the limit is.
 */
final class ReadSilence {

    private static final long TICK_MILLIS = 10;
    private static final HashedWheelTimer TIMER = new HashedWheelTimer(
            new DefaultThreadFactory("micro-proxy-silence", true), TICK_MILLIS, TimeUnit.MILLISECONDS, 1024);

    private final long limitNanos;

    /** Ending exchanges silent for {@code limit}. */
    ReadSilence(Duration limit) {
        this.limitNanos = Math.max(1, limit.toNanos());
    }

    /** The failure of an exchange whose node went silent. */
    static final class SilentNode extends TimeoutException {

        private static final long serialVersionUID = 1L;

        SilentNode(String message) {
            super(message);
        }
    }

    /** The watch of one exchange, starting now. */
    Exchange start() {
        return new Exchange();
    }

    /** One exchange: told when bytes pass ({@link #heard()}), limiting the exchange's {@link Mono}. */
    final class Exchange {

        private volatile long lastHeard = System.nanoTime();

        /** Bytes went to or came from the node just now. */
        void heard() {
            lastHeard = System.nanoTime();
        }

        /** {@code exchange}, failing with a {@link SilentNode} (and cancelled) once silent for the limit. */
        <T> Mono<T> limit(Mono<T> exchange) {
            return Mono.firstWithSignal(exchange, Mono.create(sink -> {
                Watch<T> watch = new Watch<>(sink);
                sink.onCancel(watch::cancel);
                watch.schedule(limitNanos);
            }));
        }

        /** The task on the wheel: fails the sink when the exchange has been silent for the limit, else waits on. */
        private final class Watch<T> implements TimerTask {

            private final MonoSink<T> sink;
            private volatile Timeout pending;
            private volatile boolean cancelled;

            Watch(MonoSink<T> sink) {
                this.sink = sink;
            }

            void schedule(long nanos) {
                pending = TIMER.newTimeout(this, nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void run(Timeout timeout) {
                if (cancelled) {
                    return;
                }
                long quiet = System.nanoTime() - lastHeard;
                if (quiet >= limitNanos) {
                    sink.error(new SilentNode("nothing to or from the node for " + Duration.ofNanos(quiet)));
                } else {
                    schedule(limitNanos - quiet);
                }
            }

            void cancel() {
                cancelled = true;
                Timeout current = pending;
                if (current != null) {
                    current.cancel();
                }
            }
        }
    }
}
