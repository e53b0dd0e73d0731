package io.chorus.replication.state;

import java.util.Locale;

/**
 * How many replicas a call waits for, chosen per call (see shared/SEMANTICS.md). On the wire a
 * level is its {@link #code()}, one byte; {@link #parse} is for text (command line, configuration).
 */
public enum Consistency {
    ONE(1), TWO(2), QUORUM(3), ALL(4);

    /** Indexed by code; the codes are the wire format: never renumber one, only add. */
    private static final Consistency[] BY_CODE = {null, ONE, TWO, QUORUM, ALL};

    private final byte code;

    Consistency(int code) {
        this.code = (byte) code;
    }

    /** The level's stable wire code: ONE=1, TWO=2, QUORUM=3, ALL=4. */
    public byte code() {
        return code;
    }

    /** The level of a wire code; the error names the accepted codes. */
    public static Consistency ofCode(byte code) {
        if (code > 0 && code < BY_CODE.length) return BY_CODE[code];
        throw new IllegalArgumentException("unknown consistency code " + code + " (expected 1=ONE, 2=TWO, 3=QUORUM, 4=ALL)");
    }

    /** Replicas needed out of a preference list of {@code n}. May exceed n (TWO with n = 1). */
    public int required(int n) {
        return switch (this) {
            case ONE -> 1;
            case TWO -> 2;
            case QUORUM -> n / 2 + 1;
            case ALL -> n;
        };
    }

    /** Parses {@code one|two|quorum|all}, any case; the error names the accepted values. */
    public static Consistency parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown consistency level \"" + text + "\" (expected one, two, quorum or all)");
        }
    }
}
