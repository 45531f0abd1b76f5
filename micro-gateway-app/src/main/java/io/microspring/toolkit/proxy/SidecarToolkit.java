package io.microspring.toolkit.proxy;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.registry.Registry;
import io.microspring.toolkit.command.Toolkit;

/**
 * The toolkit of {@code micro --proxy_address host:port}: registry, calls and messages all go
 * through the {@code micro sidecar} listening there, as with micro's CLI.
 */
public final class SidecarToolkit implements Toolkit {

    private final SidecarRegistry registry;
    private final SidecarClient client;

    /** Through the sidecar at {@code address}; calls take {@code callDefaults} (their timeout). */
    public SidecarToolkit(String address, CallOptions callDefaults) {
        SidecarHttp http = new SidecarHttp(address);
        this.registry = new SidecarRegistry(http);
        this.client = new SidecarClient(http, callDefaults);
    }

    @Override
    public Registry registry() {
        return registry;
    }

    @Override
    public MicroClient client() {
        return client;
    }

    @Override
    public MicroClient publisher() {
        return client;
    }
}
