package io.chorus.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** A minimal JSON writer (the driver needs no JSON library for one output file). Not thread-safe. */
public final class Json {
    /** Doubles keep 6 significant digits: more than any measurement here carries. */
    private static final MathContext SIGNIFICANT = new MathContext(6);

    private final StringBuilder b = new StringBuilder(1 << 14);
    private boolean needComma;

    public Json beginObject() {
        comma();
        b.append('{');
        needComma = false;
        return this;
    }

    public Json endObject() {
        b.append('}');
        needComma = true;
        return this;
    }

    public Json beginArray() {
        comma();
        b.append('[');
        needComma = false;
        return this;
    }

    public Json endArray() {
        b.append(']');
        needComma = true;
        return this;
    }

    /** The name of the next member of an object; follow with a value or a begin. */
    public Json name(String name) {
        comma();
        string(name);
        b.append(':');
        needComma = false;
        return this;
    }

    public Json value(String s) {
        comma();
        if (s == null) b.append("null");
        else string(s);
        needComma = true;
        return this;
    }

    public Json value(long v) {
        comma();
        b.append(v);
        needComma = true;
        return this;
    }

    public Json value(double v) {
        comma();
        if (Double.isNaN(v) || Double.isInfinite(v)) b.append("null");
        else b.append(new BigDecimal(v, SIGNIFICANT).stripTrailingZeros().toPlainString());
        needComma = true;
        return this;
    }

    public Json value(boolean v) {
        comma();
        b.append(v);
        needComma = true;
        return this;
    }

    public Json member(String name, String v) {
        return name(name).value(v);
    }

    public Json member(String name, long v) {
        return name(name).value(v);
    }

    public Json member(String name, double v) {
        return name(name).value(v);
    }

    public Json member(String name, boolean v) {
        return name(name).value(v);
    }

    private void comma() {
        if (needComma) b.append(',');
    }

    private void string(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
