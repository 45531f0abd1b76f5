package io.microspring.registry.scenarios;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.registry.Registry;
import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.etcd.EtcdSettings;
import io.microspring.testing.EtcdServer;

/** The registry scenarios against a real etcd, which keeps its data across the outage. */
class EtcdScenariosIT extends RegistryScenariosIT {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    @Override
    protected Registry connect() {
        return new EtcdRegistry(EtcdSettings.of(List.of(etcd.address())));
    }

    @Override
    protected String registryName() {
        return "etcd";
    }

    @Override
    protected String registryAddress() {
        return etcd.address();
    }

    @Override
    protected void stopServer() {
        etcd.stop();
    }

    @Override
    protected void startServer() {
        etcd.start();
    }

    @Override
    protected Duration crashedNodeGoneWithin() {
        return Duration.ofSeconds(TTL_SECONDS + 3);
    }
}
