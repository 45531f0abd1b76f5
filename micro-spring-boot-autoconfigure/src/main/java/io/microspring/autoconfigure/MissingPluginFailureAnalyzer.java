package io.microspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a registry or broker whose client library is missing, with the starter that brings it. */
class MissingPluginFailureAnalyzer extends AbstractFailureAnalyzer<MissingPluginException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingPluginException cause) {
        MissingPluginException.Plugin plugin = cause.plugin();
        String description = plugin.property() + "=" + plugin.value() + " needs " + plugin.client() + " ("
                + plugin.library() + "), which is not on the class path.";
        String action = "Add the starter " + plugin.starter() + " to the application's dependencies:\n\n"
                + "    <dependency>\n"
                + "      <groupId>" + plugin.starterGroupId() + "</groupId>\n"
                + "      <artifactId>" + plugin.starterArtifactId() + "</artifactId>\n"
                + "    </dependency>\n\n"
                + "or set " + plugin.property() + " to one that needs no library: " + plugin.builtIn() + ".";
        return new FailureAnalysis(description, action, cause);
    }
}
