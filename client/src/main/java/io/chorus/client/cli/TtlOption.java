package io.chorus.client.cli;

import io.chorus.replication.message.Put;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --ttl DURATION} of a put, taken out of the arguments before the command's own parsing
 * (as {@link ConnectionOptions} are). DURATION is a number with a unit, {@code ms}, {@code s},
 * {@code m}, {@code h} or {@code d} ({@code 30s}, {@code 2h}), or ISO-8601 ({@code PT30S}); 1 s to
 * 10 years. Only a put takes it.
 *
 * @param ttl  null when not given
 * @param rest the other arguments, in order
 */
record TtlOption(Duration ttl, String[] rest) {
    static TtlOption extract(String[] args) {
        Duration ttl = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.equals("--ttl") && !arg.startsWith("--ttl=")) {
                rest.add(arg);
                continue;
            }
            if (ttl != null) throw new IllegalArgumentException("--ttl given twice");
            String value;
            if (arg.startsWith("--ttl=")) value = arg.substring("--ttl=".length());
            else if (i + 1 < args.length) value = args[++i];
            else throw new IllegalArgumentException("option --ttl needs a value (e.g. --ttl 30s)");
            ttl = parse(value);
        }
        return new TtlOption(ttl, rest.toArray(new String[0]));
    }

    /** Refuses a TTL on any command but put. */
    void checkFor(String command) {
        if (ttl != null && !command.equals("put")) throw new IllegalArgumentException(command + " takes no --ttl (only a put's value expires)");
    }

    static Duration parse(String text) {
        Duration ttl;
        try {
            ttl = text.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(text) : withUnit(text.toLowerCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("--ttl " + text + " is not a duration (e.g. 30s, 5m, 2h, 7d or PT30S)");
        }
        if (ttl.toMillis() < Put.TTL_MILLIS_MIN || ttl.toMillis() > Put.TTL_MILLIS_MAX) {
            throw new IllegalArgumentException("--ttl " + text + " is outside 1s..3650d");
        }
        return ttl;
    }

    private static Duration withUnit(String text) {
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) digits++;
        if (digits == 0 || digits > 12) throw new NumberFormatException(text);
        long amount = Long.parseLong(text.substring(0, digits));
        return switch (text.substring(digits)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new NumberFormatException(text);
        };
    }
}
