package io.chorus.crdt.type;

import java.util.Collections;
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
     * Copy-on-write: returns {@code mine} itself when the join changes nothing, which is the
     * common case for the keys a small delta does not touch.
     *
     * @param join   joins two stores of one key under the two sides' contexts (which it captures);
     *               must return its first argument itself when that is the join
     * @param empty  the empty store for a key, used for the side that lacks it
     * @return an unmodifiable sorted map
     */
    static <K, V> SortedMap<K, V> join(SortedMap<K, V> mine, SortedMap<K, V> theirs,
                                       BinaryOperator<V> join, Function<K, V> empty, Predicate<V> isEmpty) {
        TreeMap<K, V> joined = null;
        for (Map.Entry<K, V> e : mine.entrySet()) {
            V other = theirs.get(e.getKey());
            V value = join.apply(e.getValue(), other != null ? other : empty.apply(e.getKey()));
            if (value == e.getValue()) continue;
            if (joined == null) joined = new TreeMap<>(mine);
            put(joined, e.getKey(), value, isEmpty);
        }
        for (Map.Entry<K, V> e : theirs.entrySet()) {
            if (mine.containsKey(e.getKey())) continue;
            V value = join.apply(empty.apply(e.getKey()), e.getValue());
            if (isEmpty.test(value)) continue;
            if (joined == null) joined = new TreeMap<>(mine);
            joined.put(e.getKey(), value);
        }
        return joined == null ? mine : Collections.unmodifiableSortedMap(joined);
    }

    private static <K, V> void put(TreeMap<K, V> map, K key, V value, Predicate<V> isEmpty) {
        if (isEmpty.test(value)) map.remove(key);
        else map.put(key, value);
    }
}
