package io.microspring.toolkit.command;

/**
 * One toolkit command with its parsed arguments: {@link #run} does it against the registry,
 * client and broker of a {@link Toolkit} and returns what it found; it fails with a
 * {@link io.microspring.errors.MicroException}.
 */
@FunctionalInterface
public interface Command {

    /** The id of the errors the commands raise themselves, as micro's CLI. */
    String ID = "go.micro.cli";

    /** Runs the command; blocks until it is done, so never call it on an event loop. */
    Result run(Toolkit toolkit);
}
