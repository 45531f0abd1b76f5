package io.microspring.autoconfigure;

import io.microspring.server.ServerSettings;

/**
 * Adjusts the server settings after the {@code micro.server-*} properties and {@code @MicroService}
 * attributes are applied; beans of this type run in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface ServerSettingsCustomizer {

    /** The settings to use instead of {@code settings}. */
    ServerSettings customize(ServerSettings settings);
}
