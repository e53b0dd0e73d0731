package io.chorus.node.metrics;

import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.Put;

/** A request's operation and consistency level as metric tags: small fixed sets, never user text. */
enum Operation {
    GET, PUT, DELETE, CRDT_GET, CRDT_UPDATE, DESCRIBE;

    static final String LEVEL_NONE = "none";
    static final String LEVEL_INVALID = "invalid";

    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Operation of(ClientRequest request) {
        if (request instanceof Get) return GET;
        if (request instanceof Put) return PUT;
        if (request instanceof Delete) return DELETE;
        if (request instanceof CrdtGet) return CRDT_GET;
        if (request instanceof CrdtUpdate) return CRDT_UPDATE;
        assert request instanceof DescribeCluster : "unknown request " + request;
        return DESCRIBE;
    }

    /** The level as a tag: one of ONE, TWO, QUORUM, ALL, or "none" (describe) / "invalid" (an unknown code). */
    static String levelTag(ClientRequest request) {
        byte code;
        if (request instanceof Get get) code = get.consistency();
        else if (request instanceof Put put) code = put.consistency();
        else if (request instanceof Delete delete) code = delete.consistency();
        else if (request instanceof CrdtGet get) code = get.consistency();
        else if (request instanceof CrdtUpdate update) code = update.consistency();
        else return LEVEL_NONE;
        try {
            return Consistency.ofCode(code).name();
        } catch (IllegalArgumentException e) {
            return LEVEL_INVALID;
        }
    }
}
