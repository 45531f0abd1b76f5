package io.microspring.web;

import io.microspring.client.MicroClient;
import io.microspring.registry.Registry;
import io.microspring.toolkit.command.Toolkit;

/**
 * The command engine's toolkit inside micro web: its registry, and its client, which passes JSON
 * through unparsed and publishes through micro web's broker.
 *
 * @param registry the registry the dashboard reads
 * @param client the client calls and publications go through
 */
record DashboardToolkit(Registry registry, MicroClient client) implements Toolkit {

    @Override
    public MicroClient publisher() {
        return client;
    }
}
