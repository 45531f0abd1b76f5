package io.microspring.toolkit.command;

import io.microspring.client.MicroClient;
import io.microspring.registry.Registry;

/**
 * What commands run against. The client must pass JSON given as {@code byte[]} through unchanged
 * in both directions (the gateway's {@code PassThroughJsonCodec} for {@code application/json}).
 */
public interface Toolkit {

    /** The registry, uncached: listings and watches ask it directly. */
    Registry registry();

    /** The client for calls. */
    MicroClient client();

    /** A client that publishes through the configured broker (connecting it on first use). */
    MicroClient publisher();
}
