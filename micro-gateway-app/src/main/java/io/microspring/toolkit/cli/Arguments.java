package io.microspring.toolkit.cli;

import java.util.Map;

/**
 * The values a line gave one command: positional parameters by label, options by name, and the
 * {@code K=V} pairs of repeatable options in the order given.
 */
record Arguments(Map<String, String> parameters, Map<String, String> options,
        Map<String, Map<String, String>> pairs) {

    /** Positional parameter {@code label}, {@code null} when an optional one was not given. */
    String parameter(String label) {
        return parameters.get(label);
    }

    /** Option {@code --name}'s value, {@code null} when it was not given. */
    String option(String name) {
        return options.get(name);
    }

    /** The pairs of repeatable option {@code --name}, empty when it was not given. */
    Map<String, String> pairs(String name) {
        return pairs.getOrDefault(name, Map.of());
    }
}
