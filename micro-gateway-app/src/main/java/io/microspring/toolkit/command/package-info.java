/**
 * The toolkit's command engine, Spring-free: each {@link io.microspring.toolkit.command.Command}
 * takes its parsed arguments, runs against a {@link io.microspring.toolkit.command.Toolkit}
 * (registry, client, broker) and returns a {@link io.microspring.toolkit.command.Result} that
 * renders as text or JSON; failures are go-micro errors. The {@code micro} CLI, its interactive
 * shell, the dashboard's terminal and the bot are front ends over it.
 */
package io.microspring.toolkit.command;
