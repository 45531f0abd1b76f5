package io.microspring.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard's HTML: text escaped for element content and attribute values alike, and the
 * frame every page shares (title, navigation, the stylesheet and script served from the jar).
 */
final class Html {

    private Html() {
    }

    /** {@code text} with {@code & < > " '} escaped, safe in element content and quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** {@code value} encoded for a URL's query (then still to be escaped in an attribute). */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A whole page: {@code title} (escaped here) and {@code body} (already HTML). */
    static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · micro web</title>
                <link rel="stylesheet" href="/dashboard.css">
                <script src="/dashboard.js" defer></script>
                </head>
                <body>
                <nav><a href="/" class="brand">micro web</a> <a href="/registry">Registry</a>
                <a href="/client">Call</a> <a href="/terminal">Terminal</a> <a href="/stats">Stats</a></nav>
                <main>
                <h1>%s</h1>
                %s
                </main>
                </body>
                </html>
                """.formatted(escape(title), escape(title), body);
    }
}
