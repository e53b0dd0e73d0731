package io.chorus.bench.run;

import io.chorus.bench.workload.OpType;
import io.chorus.bench.workload.OperationMix;

import java.util.SplittableRandom;

/**
 * One driver thread of the run phase: waits for the pacer's intended start, picks an operation from
 * the mix, runs it, and records its latency from the intended start (and from the actual start, for
 * the service time). Only successful operations enter the histograms; failures are counted by kind.
 */
final class Worker implements Runnable {
    private final Operations operations;
    private final OperationMix mix;
    private final Pacer pacer;
    private final Ticker ticker;
    private final RunControl control;
    private final ThreadRecorders recorders;
    private final SplittableRandom random;

    Worker(Operations operations, OperationMix mix, Pacer pacer, Ticker ticker, RunControl control,
           ThreadRecorders recorders, SplittableRandom random) {
        this.operations = operations;
        this.mix = mix;
        this.pacer = pacer;
        this.ticker = ticker;
        this.control = control;
        this.recorders = recorders;
        this.random = random;
    }

    @Override
    public void run() {
        try {
            while (true) {
                long intended = pacer.nextIntendedStart(ticker.nanoTime());
                if (!control.admit(intended)) return;
                ticker.parkUntil(intended);
                long start = ticker.nanoTime();
                OpType type = mix.pick(random.nextDouble());
                boolean ok = operations.execute(type);
                long end = ticker.nanoTime();
                if (ok) recorders.record(type, end - intended, end - start);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
