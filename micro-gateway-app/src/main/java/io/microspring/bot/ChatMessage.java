package io.microspring.bot;

import java.util.function.Consumer;

/**
 * A message addressed to the bot, its mention of the bot already taken off.
 *
 * @param input the input it came through, {@code xmpp}
 * @param sender who sent it as the input's allow-list names people (a Slack user ID, a bare JID);
 *        empty when the input cannot tell
 * @param text what was asked, {@code list services}
 * @param reply posts a reply in the same conversation (a channel, a room, a direct chat)
 */
public record ChatMessage(String input, String sender, String text, Consumer<String> reply) {
}
