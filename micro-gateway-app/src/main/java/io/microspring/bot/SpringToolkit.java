package io.microspring.bot;

import io.microspring.client.MicroClient;
import io.microspring.registry.Registry;
import io.microspring.toolkit.command.Toolkit;

/**
 * The toolkit of the bot's Spring context: the registry and client of micro's auto-configuration;
 * the client publishes through the configured broker too.
 */
record SpringToolkit(Registry registry, MicroClient client) implements Toolkit {

    @Override
    public MicroClient publisher() {
        return client;
    }
}
