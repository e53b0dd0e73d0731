package io.chorus.torture;

import io.chorus.client.ChorusClient;
import io.chorus.torture.workload.Recorder;
import io.chorus.torture.workload.Worker;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The client threads of one phase: one worker per client, each seeded from the run's seed. */
final class Workers {
    private final List<Worker> workers;
    private final List<Thread> threads;

    private Workers(List<Worker> workers, List<Thread> threads) {
        this.workers = workers;
        this.threads = threads;
    }

    /** @param firstClient the number of the first worker's client: numbers stay unique across phases, and so do values */
    static Workers start(List<ChorusClient> clients, List<InetSocketAddress> nodes, Recorder recorder, long seed, int firstClient) {
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Worker worker = new Worker(firstClient + i, clients.get(i), nodes, recorder, seed * 31 + firstClient + i);
            Thread thread = new Thread(worker, "torture-client-" + i);
            thread.setDaemon(true);
            workers.add(worker);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        return new Workers(workers, threads);
    }

    /** Asks every worker to stop after its current operation and waits; returns the threads still busy at the deadline. */
    List<String> stop(long timeoutMillis) {
        workers.forEach(Worker::stop);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<String> stuck = new ArrayList<>();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) stuck.add(thread.getName());
        }
        return stuck;
    }
}
