package io.chorus.client.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one shell line into words as a POSIX shell would for the cases a data command needs:
 * blanks separate words; {@code '...'} keeps everything inside as is; {@code "..."} keeps blanks and
 * takes {@code \} before {@code "} or {@code \}; outside quotes {@code \} makes the next character
 * literal. So {@code put k "two words"} and {@code put k two\ words} store the same value, and
 * {@code put k ''} stores an empty one. A quote left open is an error naming where it opened.
 */
final class ShellWords {
    private ShellWords() {
    }

    /** The words of {@code line}; an {@link IllegalArgumentException} for an unclosed quote or a trailing {@code \}. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false; // a word has started (it may be empty: '' is a word)
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\'' || c == '"') {
                i = quoted(line, i, word);
            } else if (c == '\\') {
                if (i + 1 == line.length()) throw new IllegalArgumentException("the line ends with \\ (nothing to escape)");
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    /** Appends the quoted text that opens at {@code open} to {@code word}; returns the index of the closing quote. */
    private static int quoted(String line, int open, StringBuilder word) {
        char quote = line.charAt(open);
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == quote) return i;
            boolean escapes = quote == '"' && c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\');
            word.append(escapes ? line.charAt(++i) : c);
        }
        throw new IllegalArgumentException("the quote " + quote + " opened at column " + (open + 1) + " is not closed");
    }
}
