package io.microspring.toolkit.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell line into words at spaces. Quotes ({@code '...'}, {@code "..."}) group words and
 * are removed; a JSON object or array ({@code {"name": "John"}}) is one word kept as typed, so
 * requests need no quoting.
 */
final class ShellWords {

    private ShellWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if ((c == '{' || c == '[') && !inWord) {
                int end = jsonEnd(line, i);
                word.append(line, i, end);
                inWord = true;
                i = end;
            } else if (c == '\'' || c == '"') {
                int close = line.indexOf(c, i + 1);
                int end = close < 0 ? line.length() : close;
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The index after the bracket closing the one at {@code start}, skipping JSON strings; the end when unclosed. */
    private static int jsonEnd(String line, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return line.length();
    }
}
