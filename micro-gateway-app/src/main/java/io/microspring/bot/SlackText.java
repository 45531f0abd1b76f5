package io.microspring.bot;

/**
 * Slack's message text rules: incoming text has {@code &}, {@code <} and {@code >} escaped and
 * mentions written {@code <@U123>}; outgoing text must escape the same three characters. Slack
 * clients may also turn straight quotes into curly ones, which JSON arguments cannot take.
 */
final class SlackText {

    private SlackText() {
    }

    /** The command in {@code text}: the leading mention of {@code botUser} off, entities and quotes plain. */
    static String command(String text, String botUser) {
        String command = text.strip();
        String mention = "<@" + botUser + ">";
        if (botUser != null && command.startsWith(mention)) {
            command = command.substring(mention.length());
        }
        return command.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replace('\u201c', '"').replace('\u201d', '"').replace('\u2018', '\'').replace('\u2019', '\'')
                .strip();
    }

    /** {@code text} with Slack's three control characters escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
