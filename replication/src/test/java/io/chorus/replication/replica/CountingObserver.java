package io.chorus.replication.replica;

import io.chorus.replication.env.ReplicaObserver;
/** Adds up what a replica reports, for tests that check a repair was counted. */
final class CountingObserver implements ReplicaObserver {
    long readRepairs;
    long readRepairEvents;
    long antiEntropyKeysSent;

    @Override
    public void readRepaired(int replicas) {
        assert replicas >= 1 : "a read repair of " + replicas + " replicas";
        readRepairs += replicas;
        readRepairEvents++;
    }

    @Override
    public void antiEntropyKeysSent(int keys) {
        assert keys >= 1 : "anti-entropy sent " + keys + " keys";
        antiEntropyKeysSent += keys;
    }

    long antiEntropyKeysCompared;
    long antiEntropyKeysRepaired;

    @Override
    public void antiEntropyKeysCompared(int keys) {
        assert keys >= 1;
        antiEntropyKeysCompared += keys;
    }

    @Override
    public void antiEntropyKeysRepaired(int keys) {
        assert keys >= 1;
        antiEntropyKeysRepaired += keys;
    }

    long hintsStored;
    long hintsRefused;
    long hintsDelivered;
    long tombstonesPurged;

    @Override
    public void hintStored() {
        hintsStored++;
    }

    @Override
    public void hintRefused() {
        hintsRefused++;
    }

    @Override
    public void hintDelivered() {
        hintsDelivered++;
    }

    @Override
    public void tombstonePurged() {
        tombstonesPurged++;
    }

    long expiredValuesDropped;

    @Override
    public void expiredValuesDropped(int values) {
        assert values >= 1 : "dropped " + values + " expired values";
        expiredValuesDropped += values;
    }
}
