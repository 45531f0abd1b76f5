package io.microspring.registry;

/** A change seen by a watch: a node added, updated or removed, carried in a one-node {@link Service}. */
public record RegistryEvent(Type type, Service service) {

    /** What happened to the node. */
    public enum Type {
        CREATE, UPDATE, DELETE
    }
}
