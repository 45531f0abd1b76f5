package io.microspring.toolkit.cli;

import java.util.List;

import io.microspring.client.MicroClient;
import io.microspring.codec.Codecs;
import io.microspring.gateway.handler.PassThroughJsonCodec;
import io.microspring.registry.Registry;
import io.microspring.standalone.Standalone;
import io.microspring.standalone.StandaloneSettings;
import io.microspring.toolkit.command.Toolkit;

/** The toolkit of a {@code micro} process: the core's components, built without Spring, JSON passed through. */
final class StandaloneToolkit implements Toolkit, AutoCloseable {

    private final Standalone components;

    StandaloneToolkit(StandaloneSettings settings) {
        this.components = new Standalone(settings, Codecs.standard().with(List.of(new PassThroughJsonCodec())));
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

    @Override
    public void close() {
        components.close();
    }
}
