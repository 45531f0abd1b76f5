package io.microspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

import io.microspring.internal.Durations;

/** Checks of property values whose failure names the property, the value and what is accepted. */
final class Properties {

    private Properties() {
    }

    static Duration positive(String name, Duration value) {
        if (!Durations.isPositive(value)) {
            throw new InvalidConfigurationPropertyValueException(name, value, "it must be a positive duration, such as 5s");
        }
        return value;
    }

    /** {@code micro.register-interval}, checked to be positive and shorter than {@code micro.register-ttl}. */
    static Duration registerInterval(MicroServerProperties properties) {
        Duration ttl = positive("micro.register-ttl", properties.getRegisterTtl());
        Duration interval = positive("micro.register-interval", properties.getRegisterInterval());
        if (interval.compareTo(ttl) >= 0) {
            throw new InvalidConfigurationPropertyValueException("micro.register-interval", interval,
                    "it must be shorter than micro.register-ttl (" + ttl + "), or the node expires between heartbeats");
        }
        return interval;
    }

    static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new InvalidConfigurationPropertyValueException(name, value, "it must be at least " + minimum);
        }
        return value;
    }

    static int bytes(String name, DataSize value, long minimum) {
        if (value == null || value.toBytes() < minimum || value.toBytes() > Integer.MAX_VALUE) {
            throw new InvalidConfigurationPropertyValueException(name, value,
                    "it must be between " + minimum + " bytes and 2GB, such as 4MB");
        }
        return (int) value.toBytes();
    }
}
