package io.chorus.client.cli;

import io.chorus.client.CounterView;
import io.chorus.client.CrdtView;
import io.chorus.client.FlagView;
import io.chorus.client.MapView;
import io.chorus.crdt.type.Field;

import java.util.ArrayList;
import java.util.List;

/**
 * A map as lines people can read, one field per line, nested maps indented by two spaces:
 * <pre>
 * address (map):
 *   city (last-writer-wins register): "Oslo"
 * tags (set): {"x", "y"}
 * visits (counter): 3
 * </pre>
 * Text values are quoted, bytes that are not printable text are hexadecimal ({@code 0x...}).
 */
final class MapPrinter {
    private static final String INDENT = "  ";

    private MapPrinter() {
    }

    static List<String> lines(MapView map) {
        List<String> lines = new ArrayList<>();
        if (map.isEmpty()) lines.add("(empty map)");
        else append(map, "", lines);
        return lines;
    }

    private static void append(MapView map, String indent, List<String> lines) {
        for (Field field : map.fields()) {
            String label = indent + field.name() + " (" + field.type().displayName() + ")";
            CrdtView value = map.view(field);
            if (value instanceof MapView nested) {
                lines.add(label + ":");
                append(nested, indent + INDENT, lines);
            } else {
                lines.add(label + ": " + text(value));
            }
        }
    }

    private static String text(CrdtView value) {
        if (value instanceof CounterView counter) return Long.toString(counter.value());
        if (value instanceof FlagView flag) return flag.enabled() ? "enabled" : "disabled";
        return value.toString(); // sets and registers quote their own values
    }
}
