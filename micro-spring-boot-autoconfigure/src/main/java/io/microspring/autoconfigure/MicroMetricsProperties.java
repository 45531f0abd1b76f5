package io.microspring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.observation.BoundedValues;

/** The observations of calls and messages: {@code micro.metrics.*}. */
@ConfigurationProperties("micro.metrics")
public class MicroMetricsProperties {

    /** Whether calls, messages and the registry cache and selector are observed when Micrometer is present. */
    private boolean enabled = true;

    /** How many distinct services, endpoints, topics or queues a tag records before it records "other". */
    private int maxTagValues = BoundedValues.DEFAULT_LIMIT;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxTagValues() {
        return maxTagValues;
    }

    public void setMaxTagValues(int maxTagValues) {
        this.maxTagValues = maxTagValues;
    }
}
