package io.microspring.autoconfigure.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.microspring.broker.Broker;

/** Up while the broker is connected to its server (or serving); down otherwise. */
public class BrokerHealthIndicator extends AbstractHealthIndicator {

    private final Broker broker;

    /** The health of {@code broker}. */
    public BrokerHealthIndicator(Broker broker) {
        super("Broker health check failed");
        this.broker = broker;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        (broker.isConnected() ? builder.up() : builder.down())
                .withDetail("broker", broker.name()).withDetail("address", broker.address());
    }
}
