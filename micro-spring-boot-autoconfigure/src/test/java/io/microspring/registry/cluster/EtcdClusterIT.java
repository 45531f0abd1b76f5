package io.microspring.registry.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.microspring.registry.Registry;
import io.microspring.registry.etcd.EtcdRegistry;
import io.microspring.registry.etcd.EtcdSettings;
import io.microspring.testing.CallLoop;
import io.microspring.testing.EtcdCluster;

/**
 * The etcd registry on a three-member cluster: the leader is killed (SIGKILL), then a second
 * member, which leaves no quorum, then the first comes back, then the second.
 */
class EtcdClusterIT extends RegistryClusterIT {

    @RegisterExtension
    static final EtcdCluster etcd = new EtcdCluster(3);

    private static final Duration ELECTION = Duration.ofSeconds(30);
    private static final Duration NO_QUORUM = Duration.ofSeconds(TTL_SECONDS + 4);

    @Override
    protected Registry connect() {
        return new EtcdRegistry(EtcdSettings.of(etcd.addresses()));
    }

    @Override
    protected String registryName() {
        return "etcd";
    }

    @Test
    void callsGoOnAndNodesRegisterAgainWhenTheLeaderAndThenTheQuorumAreLost() {
        try (CallLoop calls = callInALoop()) {
            pause(Duration.ofMillis(500));
            EtcdCluster.Member leader = etcd.awaitLeader(ELECTION);
            long killed = System.nanoTime();
            leader.kill();
            EtcdCluster.Member next = etcd.awaitLeader(ELECTION);
            long elected = millisSince(killed);
            Duration registered = awaitEveryNodeRegistered(ELECTION);
            report("leader " + leader.name() + " killed: " + next.name() + " leader after " + elected
                    + " ms, every node readable and registered " + (millisSince(killed)) + " ms after the kill ("
                    + registered.toMillis() + " ms after the election); " + calls.summary());

            EtcdCluster.Member second = next;
            second.kill();
            long quorumLost = System.nanoTime();
            pause(NO_QUORUM);
            int answeredWithoutQuorum = calls.answered();
            leader.start();
            long quorumBack = System.nanoTime();
            Duration back = awaitEveryNodeRegistered(Duration.ofSeconds(TTL_SECONDS * 3L));
            report("no quorum for " + Duration.ofNanos(quorumBack - quorumLost).toMillis() + " ms (" + leader.name()
                    + " and " + second.name() + " down, longer than the TTL of " + TTL_SECONDS + " s); "
                    + answeredWithoutQuorum + " calls answered by then; every node registered again "
                    + back.toMillis() + " ms after " + leader.name() + " was back (its restart took "
                    + leader.lastStartupTime().toMillis() + " ms)");

            assertEveryNodeStaysRegistered();
            second.start();
            awaitEveryNodeRegistered(ELECTION);
            report("all members back: " + calls.summary());
            assertCallsWentOn(calls, 100);
        }
    }
}
