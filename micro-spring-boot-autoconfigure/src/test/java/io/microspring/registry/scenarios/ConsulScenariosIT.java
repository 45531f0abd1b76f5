package io.microspring.registry.scenarios;

import java.time.Duration;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.registry.Registry;
import io.microspring.registry.consul.ConsulRegistry;
import io.microspring.registry.consul.ConsulSettings;
import io.microspring.testing.ConsulServer;

/** The registry scenarios against a real Consul dev agent, which comes back from the outage empty. */
class ConsulScenariosIT extends RegistryScenariosIT {

    /** The nodes register again within one interval; the client keeps lost nodes a little longer. */
    private static final Duration RESTART_GRACE = Duration.ofSeconds(INTERVAL_SECONDS * 3L);

    @RegisterExtension
    static final ConsulServer consul = new ConsulServer();

    @Override
    protected Registry connect() {
        return new ConsulRegistry(new ConsulSettings(consul.address(), "", "", ConsulSettings.DEFAULT_TIMEOUT,
                ConsulSettings.DEFAULT_WATCH_WAIT, RESTART_GRACE, null));
    }

    @Override
    protected String registryName() {
        return "consul";
    }

    @Override
    protected String registryAddress() {
        return consul.address();
    }

    @Override
    protected void stopServer() {
        consul.stop();
    }

    @Override
    protected void startServer() {
        consul.start();
    }

    @Override
    protected Duration crashedNodeGoneWithin() {
        // the agent turns the TTL check critical on its own timer; lookups drop critical nodes at once
        return Duration.ofSeconds(TTL_SECONDS + 4);
    }

    @Override
    protected Duration recoveredWatchWithin() {
        return RESTART_GRACE.plus(Duration.ofSeconds(5));
    }
}
