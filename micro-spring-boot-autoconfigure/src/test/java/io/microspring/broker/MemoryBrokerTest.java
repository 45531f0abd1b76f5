package io.microspring.broker;

import io.microspring.broker.memory.MemoryBroker;

/** The broker scenarios inside one JVM: every member shares one memory broker. */
class MemoryBrokerTest extends BrokerScenarios {

    private final MemoryBroker broker = new MemoryBroker();

    @Override
    protected Broker newMember() {
        return broker;
    }
}
