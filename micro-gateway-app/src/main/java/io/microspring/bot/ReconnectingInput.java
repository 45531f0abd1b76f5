package io.microspring.bot;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A chat input that holds one connection of type {@code C} at a time: {@link #connect()} runs on a
 * thread of the input's own at the start and after {@link #retryLater()}, every
 * {@link #retryDelay()}, until the input is closed; a connection made while the input was being
 * closed is disconnected at once.
 */
abstract class ReconnectingInput<C> implements ChatInput {

    private final String name;
    private final ConnectAttempts attempts;
    private Consumer<ChatMessage> receiver;
    private C connection;

    ReconnectingInput(String name, Duration retryDelay) {
        this.name = name;
        this.attempts = new ConnectAttempts("micro-bot-" + name, retryDelay, this::connect);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final synchronized void start(Consumer<ChatMessage> receiver) {
        this.receiver = receiver;
        attempts.now();
    }

    @Override
    public void close() {
        attempts.close();
        C open;
        synchronized (this) {
            open = connection;
            connection = null;
        }
        if (open != null) {
            disconnect(open);
        }
    }

    /** One attempt to connect: {@link #keep} the connection made, or {@link #retryLater()}. */
    abstract void connect();

    /** Ends {@code connection}. */
    abstract void disconnect(C connection);

    /** Makes {@code made} the input's connection; when the input was closed meanwhile, disconnects it and answers false. */
    final boolean keep(C made) {
        synchronized (this) {
            if (!attempts.closed()) {
                connection = made;
                return true;
            }
        }
        disconnect(made);
        return false;
    }

    /** Runs another {@link #connect()} after the delay, unless the input is closed. */
    final void retryLater() {
        attempts.later();
    }

    final Duration retryDelay() {
        return attempts.delay();
    }

    /** Where the messages go, once started. */
    final synchronized Consumer<ChatMessage> receiver() {
        return receiver;
    }
}
