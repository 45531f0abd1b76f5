package io.microspring.registry;

import java.util.List;

/** The recursive description of a message: a field's name and type, with its own fields. */
public record Value(String name, String type, List<Value> values) {

    public Value {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
