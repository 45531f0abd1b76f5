package io.microspring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** go-micro's Debug service on this node ({@code micro.debug.*}). */
@ConfigurationProperties("micro.debug")
public class MicroDebugProperties {

    /** Whether the node serves go-micro's Debug service (Debug.Health, Debug.Stats). */
    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
