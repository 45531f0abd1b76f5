package io.microspring.bot;

import java.util.function.Consumer;

/**
 * One chat service the bot listens on: it connects, hands every message addressed to the bot to
 * a receiver, and the message's {@link ChatMessage#reply} answers in the same conversation. It
 * reconnects by itself when the chat server goes away. Adding an input (Discord, Telegram) is one
 * class implementing this.
 */
public interface ChatInput extends AutoCloseable {

    /** The input's name, as {@code micro.bot.inputs} spells it: {@code slack}. */
    String name();

    /** Starts connecting in the background and delivers each message to {@code receiver}; returns at once. */
    void start(Consumer<ChatMessage> receiver);

    /** Disconnects and stops reconnecting. */
    @Override
    void close();
}
