package io.chorus.node;

import io.chorus.node.pipeline.DurableWrites;
import io.chorus.node.pipeline.PeerLivenessLog;
import io.chorus.node.pipeline.ReplicaDriver;
import io.chorus.node.pipeline.StateMachine;
import io.chorus.replication.env.Clock;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.Codec;
import io.chorus.node.testing.TestHooks;
import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.replica.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** How a node builds its replica: the protocol core with a real clock and seed, driven by {@link ReplicaDriver}. */
final class ProductionReplica {
    private static final Logger log = LoggerFactory.getLogger(ProductionReplica.class);

    private ProductionReplica() {
    }

    static StateMachine create(NodeConfig config, long actorEpoch, Storage storage, Codec codec, Outbox outbox,
                                           ReplicaObserver observer, DurableWrites<Runnable> durable, BooleanSupplier backlogged) {
        SplitMixRandom random = new SplitMixRandom(new SecureRandom().nextLong());
        Clock clock = System::currentTimeMillis;
        Set<InjectedBug> plantedBugs = TestHooks.injectedBugs(); // TEST ONLY: empty unless a fault-test harness plants a bug
        if (!plantedBugs.isEmpty()) {
            log.warn("node {} runs with planted protocol bugs {} ({}): for fault tests only", config.name(), plantedBugs, TestHooks.INJECTED_BUGS_PROPERTY);
        }
        Replica replica = new Replica(config.name(), actorEpoch, config.topology(), config.replicaConfig(), storage, random, clock, observer,
                plantedBugs);
        // One log line whenever the failure detector's verdict on a peer changes (for operators).
        return new PeerLivenessLog(config.name(), config.members(), replica::isAlive)
                .around(new ReplicaDriver(replica, storage, codec, outbox, durable, backlogged));
    }
}
