package io.chorus.bench.report;

/** Lets tests of other packages use the JSON syntax check. */
public final class JsonSyntaxAccess {
    private JsonSyntaxAccess() {
    }

    public static void check(String json) {
        JsonSyntax.check(json);
    }
}
