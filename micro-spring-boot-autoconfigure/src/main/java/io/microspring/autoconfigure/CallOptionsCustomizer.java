package io.microspring.autoconfigure;

import io.microspring.client.CallOptions;

/**
 * Adjusts the client-wide default call options after the {@code micro.client-*} properties are
 * applied; beans of this type run in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface CallOptionsCustomizer {

    /** Changes the defaults being built. */
    void customize(CallOptions.Builder defaults);
}
