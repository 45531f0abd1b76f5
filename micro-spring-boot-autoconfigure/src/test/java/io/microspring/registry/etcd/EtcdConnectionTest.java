package io.microspring.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;

class EtcdConnectionTest {

    @Test
    void whenNoMemberCanBeReachedThenTheClientIsReplaced() {
        Status refused = Status.UNAVAILABLE.withDescription("io exception");

        assertThat(EtcdConnection.isUnreachable(refused.asRuntimeException())).isTrue();
        assertThat(EtcdConnection.isUnreachable(EtcdExceptionFactory.toEtcdException(refused))).isTrue();
    }

    @Test
    void whenEtcdAnswersWithoutQuorumThenTheClientIsKept() {
        Status noLeader = Status.UNAVAILABLE.withDescription("etcdserver: no leader");

        assertThat(EtcdConnection.isUnreachable(noLeader.asRuntimeException())).isFalse();
        assertThat(EtcdConnection.isUnreachable(EtcdExceptionFactory.toEtcdException(noLeader))).isFalse();
        assertThat(EtcdConnection.isUnreachable(Status.DEADLINE_EXCEEDED.asRuntimeException())).isFalse();
    }
}
