package io.microspring.toolkit.cli;

import java.time.Duration;
import java.util.List;

import io.microspring.client.MicroClient;
import io.microspring.codec.Codecs;
import io.microspring.codec.json.JsonCodec;
import io.microspring.codec.json.JsonRpcCodec;
import io.microspring.gateway.handler.PassThroughJsonCodec;
import io.microspring.registry.Registry;
import io.microspring.standalone.Standalone;
import io.microspring.standalone.StandaloneSettings;
import io.microspring.toolkit.command.Toolkit;
import io.microspring.transport.http.JdkHttpClientTransport;
import reactor.netty.http.HttpResources;

/**
 * The toolkit of a {@code micro} process: the core's components, built without Spring, calling
 * over the JDK's HTTP client (which starts far faster than Reactor Netty, used only for streams
 * and the http broker) and speaking JSON (passed through) and JSON-RPC only.
 */
final class StandaloneToolkit implements Toolkit, AutoCloseable {

    private static final Duration LOOPS_STOP_TIMEOUT = Duration.ofSeconds(1);

    private final Standalone components;

    StandaloneToolkit(StandaloneSettings settings) {
        JsonCodec json = new JsonCodec();
        this.components = new Standalone(settings, Codecs.of(List.of(new PassThroughJsonCodec(json),
                new JsonRpcCodec(json))), JdkHttpClientTransport::new);
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
     * Closes the components, then stops Reactor Netty's shared event loops (the client's) at once:
     * the JVM waits up to 300 ms at exit for threads still blocked in native code such as theirs.
     */
    @Override
    public void close() {
        components.close();
        HttpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, LOOPS_STOP_TIMEOUT).block();
    }
}
