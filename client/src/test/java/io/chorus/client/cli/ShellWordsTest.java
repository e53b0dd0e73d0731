package io.chorus.client.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellWordsTest {
    @Test
    void blanksSeparateWords() {
        assertEquals(List.of("put", "k", "v"), ShellWords.split("  put\tk   v  "));
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void quotesKeepBlanksAndAnEmptyQuoteIsAWord() {
        assertEquals(List.of("put", "k", "two words"), ShellWords.split("put k \"two words\""));
        assertEquals(List.of("put", "k", "it's \"x\""), ShellWords.split("put k \"it's \\\"x\\\"\""));
        assertEquals(List.of("put", "k", "a\\b"), ShellWords.split("put k 'a\\b'"));
        assertEquals(List.of("put", "k", ""), ShellWords.split("put k ''"));
        assertEquals(List.of("ab c"), ShellWords.split("a'b c'"));
    }

    @Test
    void aBackslashMakesTheNextCharacterLiteral() {
        assertEquals(List.of("put", "k", "two words"), ShellWords.split("put k two\\ words"));
    }

    @Test
    void anUnclosedQuoteOrATrailingBackslashIsAnErrorSayingWhere() {
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("put k \"oops"));
        assertTrue(open.getMessage().contains("column 7"), open.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("put k v\\"));
    }
}
