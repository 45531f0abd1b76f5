package io.microspring.registry;

/** A running watch on the registry; closing it stops the events. */
@FunctionalInterface
public interface Watch extends AutoCloseable {

    @Override
    void close();
}
