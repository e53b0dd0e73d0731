package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A toy script for fake nodes, shared by all of them: each value gets an id; a context is the
 * comma-separated ids it has seen; a put or delete removes the values its context names. Enough to
 * exercise siblings and contexts through the client, nothing like the real versioning.
 */
final class MemoryStore implements java.util.function.Function<ClientRequest, ClientResponse> {
    private final Map<Key, TreeMap<Long, byte[]>> values = new HashMap<>();
    private long nextId = 1;

    @Override
    public synchronized ClientResponse apply(ClientRequest request) {
        if (request instanceof Get get) {
            TreeMap<Long, byte[]> stored = values.getOrDefault(get.key(), new TreeMap<>());
            return new GetResult(stored.values().toArray(byte[][]::new), context(stored.keySet()), new String[]{"n1", "n2"}, false);
        }
        if (request instanceof Put put) {
            TreeMap<Long, byte[]> stored = values.computeIfAbsent(put.key(), k -> new TreeMap<>());
            seen(put.context()).forEach(stored::remove);
            long id = nextId++;
            stored.put(id, put.value());
            return new WriteResult(context(Set.of(id)), put.durable(), new String[]{"n2", "n3"}); // as a node that honours durable
        }
        Delete delete = (Delete) request;
        TreeMap<Long, byte[]> stored = values.computeIfAbsent(delete.key(), k -> new TreeMap<>());
        seen(delete.context()).forEach(stored::remove);
        return new WriteResult(delete.context() == null ? new byte[0] : delete.context(), delete.durable());
    }

    private static byte[] context(Set<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",")).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> seen(byte[] context) {
        if (context == null || context.length == 0) return new ArrayList<>();
        return Arrays.stream(new String(context, StandardCharsets.UTF_8).split(",")).map(Long::valueOf).toList();
    }
}
