package io.microspring.registry.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.registry.Registry;
import io.microspring.registry.consul.ConsulRegistry;
import io.microspring.registry.consul.ConsulSettings;
import io.microspring.testing.CallLoop;
import io.microspring.testing.ConsulCluster;

/**
 * The Consul registry on three servers, through a client agent joined to them: the raft leader is
 * killed (SIGKILL) and later restarted.
 */
class ConsulClusterIT extends RegistryClusterIT {

    @RegisterExtension
    static final ConsulCluster consul = new ConsulCluster(3);

    private static final Duration ELECTION = Duration.ofSeconds(30);

    @Override
    protected Registry connect() {
        return new ConsulRegistry(ConsulSettings.of(consul.client().address()));
    }

    @Override
    protected String registryName() {
        return "consul";
    }

    @Test
    void callsGoOnAndNodesStayRegisteredWhenTheLeaderIsKilled() {
        try (CallLoop calls = callInALoop()) {
            pause(Duration.ofMillis(500));
            ConsulCluster.Agent leader = consul.awaitLeader(ELECTION);
            long killed = System.nanoTime();
            leader.kill();
            ConsulCluster.Agent next = consul.awaitLeader(ELECTION);
            long elected = millisSince(killed);
            Duration registered = awaitEveryNodeRegistered(ELECTION);
            report("leader " + leader.name() + " killed: " + next.name() + " leader after " + elected
                    + " ms, every node found through the client agent " + millisSince(killed) + " ms after the kill ("
                    + registered.toMillis() + " ms after the election); " + calls.summary());
            assertEveryNodeStaysRegistered();

            leader.start();
            report(leader.name() + " back after " + leader.lastStartupTime().toMillis() + " ms; " + calls.summary());
            assertEveryNodeStaysRegistered();
            assertCallsWentOn(calls, 100);
        }
    }
}
