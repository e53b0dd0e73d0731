package io.chorus.client;

/**
 * A flag as read. Enable wins: an enable concurrent with a disable leaves it enabled. A flag never
 * written reads disabled.
 */
public record FlagView(boolean enabled) implements CrdtView {
}
