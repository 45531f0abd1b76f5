package io.microspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.microspring.transport.ListenException;

/**
 * Reports a server that could not listen on {@code micro.server-address}: the port is taken, or the
 * host is not this machine's.
 */
class ListenFailureAnalyzer extends AbstractFailureAnalyzer<ListenException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ListenException cause) {
        String description = "The micro server could not listen on " + cause.address() + " (micro.server-address): "
                + cause.reason() + ".";
        String action = "Stop the process that listens on " + cause.address() + ", or set micro.server-address"
                + " (MICRO_SERVER_ADDRESS, --server_address) to a free host:port of this machine; port 0 takes any"
                + " free port.";
        return new FailureAnalysis(description, action, cause);
    }
}
