package io.chorus.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextTest {
    @Test
    void textFormRoundTripsAndIsUrlSafe() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, 0, 1, 2};
        Context context = Context.of(bytes);
        String text = context.toString();
        assertTrue(text.matches("[A-Za-z0-9_-]+"), text);
        assertEquals(context, Context.parse(text));
        assertArrayEquals(bytes, Context.parse(text).bytes());
    }

    @Test
    void noneIsTheEmptyText() {
        assertEquals("", Context.NONE.toString());
        assertSame(Context.NONE, Context.parse(" "));
        assertSame(Context.NONE, Context.of(null));
        assertTrue(Context.NONE.isNone());
    }

    @Test
    void badTextSaysWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Context.parse("not base64!"));
        assertTrue(e.getMessage().contains("not base64!") && e.getMessage().contains("base64"), e.getMessage());
    }

    @Test
    void exceptionMessageIsDisplayNameThenDetail() {
        ChorusException e = new ChorusException(io.chorus.replication.message.ErrorKind.TOO_MANY_SIBLINGS, "key \"k\" has 64 siblings");
        assertEquals("TooManySiblings key \"k\" has 64 siblings", e.getMessage());
    }
}
