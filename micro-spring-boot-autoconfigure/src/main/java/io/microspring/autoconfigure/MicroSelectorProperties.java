package io.microspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.microspring.selector.RegistrySelector;

/** How calls choose a node: {@code micro.selector} is go-micro's {@code --selector} and {@code MICRO_SELECTOR}. */
@ConfigurationProperties("micro")
public class MicroSelectorProperties {

    /** Node selection strategy. */
    private SelectorType selector = SelectorType.RANDOM;

    /** How long a node that failed at the connection level is skipped (0 to never skip). */
    private Duration selectorCooldown = RegistrySelector.DEFAULT_COOLDOWN;

    public SelectorType getSelector() {
        return selector;
    }

    public void setSelector(SelectorType selector) {
        this.selector = selector;
    }

    public Duration getSelectorCooldown() {
        return selectorCooldown;
    }

    public void setSelectorCooldown(Duration selectorCooldown) {
        this.selectorCooldown = selectorCooldown;
    }

    /** The selection strategies. */
    public enum SelectorType {
        /** A random node per call: go-micro's default. */
        RANDOM,
        /** Each node in turn. */
        ROUNDROBIN
    }
}
