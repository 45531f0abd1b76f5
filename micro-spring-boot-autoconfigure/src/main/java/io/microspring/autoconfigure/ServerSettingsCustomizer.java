package io.microspring.autoconfigure;

import io.microspring.server.ServerSettings;

/**
 * Adjusts the server settings being built after the {@code micro.server-*} and
 * {@code micro.register-*} properties and {@code @MicroService} attributes are applied; beans of
 * this type run in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface ServerSettingsCustomizer {

    /** Changes the settings being built. */
    void customize(ServerSettings.Builder settings);
}
