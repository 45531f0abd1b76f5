package io.microspring.sidecar;

import java.util.List;

/**
 * The sidecar scenarios over mDNS, go-micro's default registry, on the loopback interface. The
 * go-micro client is left to {@link SidecarEtcdIT}: go-micro's mDNS sends through the default
 * route, so it would need a network namespace of its own (see MdnsGoInteropIT).
 */
class SidecarMdnsIT extends SidecarScenarios {

    @Override
    List<String> registryFlags() {
        return List.of("--registry=mdns");
    }

    @Override
    List<String> registryProperties() {
        return List.of("micro.registry=mdns");
    }
}
