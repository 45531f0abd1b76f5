package io.microspring.bot;

import java.util.regex.Pattern;

/**
 * Replies as a chat shows them: preformatted output (tables, JSON, several lines) in a code block,
 * output longer than the limit cut at a line end with a note saying how much was left out, and
 * node addresses (host:port) replaced by {@value #HIDDEN_ADDRESS}, so the bot never posts where
 * services run. Slack and XMPP clients (XEP-0393) both show {@code ```} blocks as code.
 */
final class ChatText {

    /** What a node address is shown as. */
    static final String HIDDEN_ADDRESS = "[address hidden]";

    private static final String FENCE = "```";
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![\\w.:-])(?:\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.%]+\\]"
                    + "|(?:[A-Za-z0-9-]+\\.)*[A-Za-z][A-Za-z0-9-]*):\\d{2,5}(?![\\w.])");

    private final int maxLength;

    ChatText(int maxLength) {
        if (maxLength < 100) {
            throw new IllegalArgumentException("micro.bot.max-reply-length must be at least 100, got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** {@code text} as a plain reply: one line or a few words. */
    String plain(String text) {
        return cut(hideAddresses(text.strip()), false);
    }

    /** {@code text} as the output of a command: in a code block when it has several lines or is JSON. */
    String output(String text) {
        String stripped = hideAddresses(text.strip());
        if (stripped.isEmpty()) {
            return "(nothing)";
        }
        boolean block = stripped.contains("\n") || stripped.startsWith("{") || stripped.startsWith("[");
        return cut(stripped, block);
    }

    /** {@code text} with every host:port replaced. */
    static String hideAddresses(String text) {
        return ADDRESS.matcher(text).replaceAll(HIDDEN_ADDRESS.replace("[", "\\[").replace("]", "\\]"));
    }

    private String cut(String text, boolean block) {
        if (text.length() <= maxLength) {
            return block ? FENCE + "\n" + text + "\n" + FENCE : text;
        }
        int end = text.lastIndexOf('\n', maxLength);
        if (end < maxLength / 2) {
            end = maxLength;
        }
        String kept = text.substring(0, end).stripTrailing();
        String note = "(truncated: " + (text.length() - kept.length()) + " more characters not shown)";
        return (block ? FENCE + "\n" + kept + "\n" + FENCE : kept + " ...") + "\n" + note;
    }
}
