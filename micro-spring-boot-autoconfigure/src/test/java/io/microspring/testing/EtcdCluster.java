package io.microspring.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A cluster of etcd members (Debian's {@code etcd-server} package) on free loopback ports, each
 * with its data directory in a temp dir of its own. A killed member restarted with {@link
 * Member#start()} rejoins with its data; a cluster with fewer than a majority of members running
 * has no leader and answers no request.
 *
 * <pre>{@code @RegisterExtension static EtcdCluster etcd = new EtcdCluster(3);}</pre>
 */
public final class EtcdCluster extends ServerCluster<EtcdCluster.Member> {

    private static final Pattern MEMBER_ID = Pattern.compile("\"member_id\":\"(\\d+)\"");
    private static final Pattern LEADER = Pattern.compile("\"leader\":\"(\\d+)\"");

    /** Chooses the ports of {@code size} members; they start together as a JUnit extension or with {@link #start()}. */
    public EtcdCluster(int size) {
        List<String> names = new ArrayList<>();
        List<int[]> ports = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            names.add("etcd-" + i);
            ports.add(FreePorts.find(2));
        }
        String initialCluster = IntStream.range(0, size)
                .mapToObj(i -> names.get(i) + "=http://127.0.0.1:" + ports.get(i)[1])
                .collect(Collectors.joining(","));
        String token = "micro-test-" + ports.get(0)[0];
        for (int i = 0; i < size; i++) {
            add(new Member(names.get(i), ports.get(i)[0], ports.get(i)[1], initialCluster, token));
        }
    }

    /** The members' client addresses ({@code 127.0.0.1:<port>}), the form of {@code micro.registry-address}. */
    public List<String> addresses() {
        return members().stream().map(Member::address).toList();
    }

    /** The running member that is the leader, waiting up to {@code timeout} for one to be elected. */
    public Member awaitLeader(Duration timeout) {
        return await("etcd leader", timeout, () -> running(Member::isLeader).stream().findFirst());
    }

    /** One etcd member of the cluster. */
    public static final class Member extends ExternalServer {

        private final int clientPort;
        private final int peerPort;
        private final String initialCluster;
        private final String token;

        private Member(String name, int clientPort, int peerPort, String initialCluster, String token) {
            super(name);
            this.clientPort = clientPort;
            this.peerPort = peerPort;
            this.initialCluster = initialCluster;
            this.token = token;
        }

        /** {@code 127.0.0.1:<client port>}. */
        public String address() {
            return "127.0.0.1:" + clientPort;
        }

        /** {@code http://127.0.0.1:<client port>}. */
        public String endpoint() {
            return "http://" + address();
        }

        /** Whether this member answers and is the leader of the cluster. */
        public boolean isLeader() {
            String status = httpPost(endpoint() + "/v3/maintenance/status", "{}");
            if (status == null) {
                return false;
            }
            Matcher self = MEMBER_ID.matcher(status);
            Matcher leader = LEADER.matcher(status);
            return self.find() && leader.find() && self.group(1).equals(leader.group(1));
        }

        @Override
        protected ExternalProcess launch(Path workDir) {
            return EtcdServer.launchMember(name(), workDir, endpoint(), peerPort, initialCluster, token, List.of());
        }

        @Override
        protected void awaitReady(ExternalProcess process, long deadlineNanos) {
            // healthy once the member has a leader, i.e. once a majority runs
            poll(process, deadlineNanos, "GET /health", () -> EtcdServer.isHealthy(endpoint(), null));
        }

        @Override
        protected String describe() {
            return "client " + endpoint() + ", peer port " + peerPort;
        }
    }
}
