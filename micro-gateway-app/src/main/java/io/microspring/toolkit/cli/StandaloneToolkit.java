package io.microspring.toolkit.cli;

import java.time.Duration;
import java.util.List;

import io.microspring.client.MicroClient;
import io.microspring.codec.Codecs;
import io.microspring.codec.json.JsonCodec;
import io.microspring.codec.json.JsonMarshaller;
import io.microspring.codec.json.JsonRpcCodec;
import io.microspring.gateway.handler.PassThroughJsonCodec;
import io.microspring.registry.Registry;
import io.microspring.standalone.Standalone;
import io.microspring.standalone.StandaloneSettings;
import io.microspring.toolkit.command.Toolkit;
import io.microspring.transport.http.SocketClientTransport;
import reactor.netty.http.HttpResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * The toolkit of a {@code micro} process: the core's components, built without Spring, calling
 * over plain blocking sockets ({@link SocketClientTransport}, which starts far faster than
 * Reactor Netty, used only for streams and the http broker) and speaking JSON (passed through)
 * and JSON-RPC only. The codecs read and write only JSON trees and bytes, so they share Jackson's default mapper with the commands
 * rather than building one of their own (go-micro's reading rules matter for typed objects only),
 * and only when one is needed: a JSON call passes its bytes through.
 */
final class StandaloneToolkit implements Toolkit, AutoCloseable {

    private static final Duration LOOPS_STOP_TIMEOUT = Duration.ofSeconds(1);
    /** How Reactor Netty names the threads of its shared event loops ({@code reactor-http-nio-1}). */
    private static final String LOOP_THREAD_PREFIX = "reactor-http-";

    private final Standalone components;

    StandaloneToolkit(StandaloneSettings settings) {
        // a lambda, not JsonMapper::shared: the mapper class is resolved only when a codec needs it
        JsonCodec json = new JsonCodec(new JsonMarshaller(() -> JsonMapper.shared()));
        this.components = new Standalone(settings, Codecs.of(List.of(new PassThroughJsonCodec(json),
                new JsonRpcCodec(json))), SocketClientTransport::new);
    }

    @Override
    public Registry registry() {
        return components.registry();
    }

    @Override
    public MicroClient client() {
        return components.client();
    }

    @Override
    public MicroClient publisher() {
        return components.publisher();
    }

    /**
     * Closes the components, then stops Reactor Netty's shared event loops at once if a stream or
     * the http broker started them: the JVM waits up to 300 ms at exit for threads still blocked
     * in native code such as theirs. A command that started none loads no Reactor Netty class here.
     */
    @Override
    public void close() {
        components.close();
        if (eventLoopsStarted()) {
            HttpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, LOOPS_STOP_TIMEOUT).block();
        }
    }

    private static boolean eventLoopsStarted() {
        Thread[] threads = new Thread[Thread.activeCount() + 16];
        int count = Thread.enumerate(threads);
        for (int i = 0; i < count; i++) {
            if (threads[i].getName().startsWith(LOOP_THREAD_PREFIX)) {
                return true;
            }
        }
        return false;
    }
}
