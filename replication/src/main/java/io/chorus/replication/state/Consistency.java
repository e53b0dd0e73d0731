package io.chorus.replication.state;

import java.util.Locale;

/** How many replicas a call waits for, chosen per call (see shared/SEMANTICS.md). */
public enum Consistency {
    ONE, TWO, QUORUM, ALL;

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
        if (text != null) {
            switch (text) { // the exact names, as clients send them, without allocating
                case "ONE": return ONE;
                case "TWO": return TWO;
                case "QUORUM": return QUORUM;
                case "ALL": return ALL;
                default: break;
            }
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown consistency level \"" + text + "\" (expected one, two, quorum or all)");
        }
    }
}
