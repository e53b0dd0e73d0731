package io.chorus.bench.report;

/** A strict JSON syntax check for tests (RFC 8259 grammar, no extensions); throws saying where it broke. */
final class JsonSyntax {
    private final String s;
    private int i;

    private JsonSyntax(String s) {
        this.s = s;
    }

    static void check(String json) {
        JsonSyntax p = new JsonSyntax(json);
        p.value();
        p.ws();
        if (p.i != json.length()) throw p.error("trailing characters");
    }

    private void value() {
        ws();
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        if (c == '{') object();
        else if (c == '[') array();
        else if (c == '"') string();
        else if (s.startsWith("true", i)) i += 4;
        else if (s.startsWith("false", i)) i += 5;
        else if (s.startsWith("null", i)) i += 4;
        else number();
    }

    private void object() {
        i++;
        ws();
        if (peek('}')) return;
        do {
            ws();
            string();
            ws();
            expect(':');
            value();
            ws();
        } while (peek(','));
        expect('}');
    }

    private void array() {
        i++;
        ws();
        if (peek(']')) return;
        do {
            value();
            ws();
        } while (peek(','));
        expect(']');
    }

    private void string() {
        expect('"');
        while (i < s.length() && s.charAt(i) != '"') {
            if (s.charAt(i) < 0x20) throw error("control character in string");
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        expect('"');
    }

    private void number() {
        int start = i;
        if (peek('-')) start = start + 0;
        while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) i++;
        String n = s.substring(start, i);
        if (!n.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) throw error("bad number \"" + n + "\"");
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) throw error("expected '" + c + "'");
    }

    private void ws() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + i + ": ..." + s.substring(Math.max(0, i - 40), Math.min(s.length(), i + 40)) + "...");
    }
}
