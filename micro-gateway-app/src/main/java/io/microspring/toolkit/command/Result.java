package io.microspring.toolkit.command;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.microspring.errors.MicroException;

/** What a command returns: printable as text or JSON, and possibly a failure to report after it. */
public interface Result {

    /** The result for people. */
    String text();

    /** The result as one JSON document. */
    String json();

    /** The bytes to print for {@code output}; {@link Output#RAW} is the JSON unless a command has raw bytes. */
    default byte[] render(Output output) {
        return (output == Output.TEXT ? text() : json()).getBytes(StandardCharsets.UTF_8);
    }

    /** A go-micro error the front end reports after printing the result (the command's exit status), if any. */
    default Optional<MicroException> failure() {
        return Optional.empty();
    }
}
