package io.chorus.crdt.type;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The join of two dot maps (key to nested dot store): keys join one by one, a key one side lacks
 * joining against that side's empty store (so the other side's dots it has seen are dropped), and
 * keys left with an empty store disappear. Nothing is kept for removed keys.
 */
final class DotMaps {
    private DotMaps() {
    }

    /**
     * @param join   joins two stores of one key under the two sides' contexts (which it captures)
     * @param empty  the empty store for a key, used for the side that lacks it
     */
    static <K, V> TreeMap<K, V> join(SortedMap<K, V> mine, SortedMap<K, V> theirs,
                                     BinaryOperator<V> join, Function<K, V> empty, Predicate<V> isEmpty) {
        TreeMap<K, V> joined = new TreeMap<>(mine.comparator());
        for (Map.Entry<K, V> e : mine.entrySet()) {
            V other = theirs.get(e.getKey());
            put(joined, e.getKey(), join.apply(e.getValue(), other != null ? other : empty.apply(e.getKey())), isEmpty);
        }
        for (Map.Entry<K, V> e : theirs.entrySet()) {
            if (!mine.containsKey(e.getKey())) {
                put(joined, e.getKey(), join.apply(empty.apply(e.getKey()), e.getValue()), isEmpty);
            }
        }
        return joined;
    }

    private static <K, V> void put(TreeMap<K, V> map, K key, V value, Predicate<V> isEmpty) {
        if (!isEmpty.test(value)) map.put(key, value);
    }
}
