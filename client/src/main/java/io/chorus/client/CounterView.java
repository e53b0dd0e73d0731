package io.chorus.client;

/**
 * A counter as read: its value, the sum of every increment minus every decrement the replicas
 * that answered had merged. A counter never written reads 0.
 */
public record CounterView(long value) implements CrdtView {
}
