package io.microspring.toolkit.command;

import java.util.Locale;

import io.microspring.errors.MicroException;

/** How a {@link Result} is printed: {@code --output text|json|raw}. */
public enum Output {

    /** For people: tables, trees, indented JSON. */
    TEXT,
    /** One JSON document, for scripts. */
    JSON,
    /** A call's response bytes exactly as the service sent them; JSON for the other commands. */
    RAW;

    /** The output named {@code name} ({@code json}), or a 400 naming the choices. */
    public static Output of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MicroException.badRequest(Command.ID, "--output takes text, json or raw, not '%s'", name);
        }
    }
}
