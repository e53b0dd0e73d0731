package io.chorus.bench.report;

import io.chorus.bench.run.PhaseMetrics;
import io.chorus.bench.workload.OpType;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency by percentile, as HdrHistogram plots it: the x axis is log-scaled in "nines"
 * (x = log10(1 / (1 - p)): 90% at 1, 99% at 2, 99.9% at 3), so the tail gets as much room as the
 * median; the y axis is latency in milliseconds.
 */
public final class PercentilePlots {
    /** The axis never goes past 99.9999%. */
    static final int NINES_MAX = 6;

    private PercentilePlots() {
    }

    /** Where percentile {@code percent} (0-100) sits on the x axis. */
    public static double x(double percent) {
        double missing = 1 - percent / 100.0;
        return missing <= 0 ? Double.POSITIVE_INFINITY : Math.log10(1 / missing);
    }

    public static PlotModel of(BenchResult result) {
        PhaseResult phase = result.run() != null ? result.run() : result.load();
        if (phase == null) throw new IllegalArgumentException("nothing was measured, so there is nothing to plot");
        PhaseMetrics m = phase.metrics();
        List<Named> named = new ArrayList<>();
        for (int i = 0; i < m.types().size(); i++) {
            OpType t = m.types().get(i);
            named.add(new Named(t.label() + (m.keepsServiceTime() ? " (from intended start)" : ""), m.totalResponse(t), false, i));
            if (m.keepsServiceTime()) named.add(new Named(t.label() + " (service time)", m.totalService(t), true, i));
        }
        var c = result.config();
        String title = String.format("chorus bench: workload %s, %s phase, %.0f ops/s", c.workload(), phase.name(), phase.opsPerSecond());
        String subtitle = String.format("%s | read %s, write %s | %d threads, %s | %s | stale reads %d | %s",
                result.target(), c.readLevel(), c.writeLevel(), c.threads(),
                c.openLoop() ? String.format("open loop %.0f ops/s", c.rateOpsPerSecond()) : "closed loop",
                c.describeData(), result.staleReads(),
                result.verification() == null ? "not verified" : result.verification().allVerified()
                        ? (c.workload().counters() ? "all counters verified" : "all writes verified") : "VERIFICATION FAILED");
        return of(title, subtitle, named);
    }

    /** One histogram to plot, with its legend label and colour (index into the palette); latencies in microseconds. */
    public record Named(String label, Histogram histogram, boolean dashed, int colour) {
    }

    public static PlotModel of(String title, String subtitle, List<Named> histograms) {
        long countMax = 1;
        double msMin = Double.MAX_VALUE;
        double msMax = 0;
        for (Named n : histograms) {
            Histogram h = n.histogram();
            countMax = Math.max(countMax, h.getTotalCount());
            if (h.getTotalCount() == 0) continue;
            msMin = Math.min(msMin, Math.max(h.getMinNonZeroValue(), 1) / 1000.0);
            msMax = Math.max(msMax, h.highestEquivalentValue(h.getMaxValue()) / 1000.0);
        }
        if (msMax == 0) {
            msMin = 0.1;
            msMax = 1;
        }
        int nines = (int) Math.min(NINES_MAX, Math.max(2, Math.ceil(Math.log10(countMax))));
        LogAxis y = LogAxis.of(msMin, msMax);
        List<PlotModel.Series> series = new ArrayList<>();
        for (Named n : histograms) {
            series.add(series(n, PlotModel.PALETTE[n.colour() % PlotModel.PALETTE.length], nines, y));
        }
        return new PlotModel(title, subtitle, "percentile (log scale: each step is one more nine)", "latency (ms, log scale)",
                nines, y.max(), xTicks(nines), y.ticks(), series);
    }

    private static PlotModel.Series series(Named n, int rgb, int nines, LogAxis y) {
        List<double[]> points = new ArrayList<>();
        Histogram h = n.histogram();
        if (h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.percentiles(JsonReport.TICKS_PER_HALF_DISTANCE)) {
                double x = Math.min(nines, x(v.getPercentileLevelIteratedTo()));
                points.add(new double[]{x, y.at(h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0)});
                if (x >= nines) break;
            }
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new PlotModel.Series(n.label() + String.format(" (%d ops)", h.getTotalCount()), rgb, n.dashed(), xs, ys);
    }

    /**
     * A log-scaled latency axis from the decade below the fastest operation to the decade above the
     * slowest, so a sub-millisecond median and a 300 ms tail are both legible. Positions are decades
     * above the bottom.
     */
    record LogAxis(double bottomMs, double topMs) {
        LogAxis {
            if (!(bottomMs > 0 && topMs > bottomMs)) throw new IllegalArgumentException("bad axis " + bottomMs + ".." + topMs);
        }

        static LogAxis of(double minMs, double maxMs) {
            double bottom = Math.pow(10, Math.floor(Math.log10(minMs)));
            double top = Math.pow(10, Math.ceil(Math.log10(Math.max(maxMs, minMs * 1.0001))));
            return new LogAxis(bottom, top);
        }

        double max() {
            return Math.log10(topMs / bottomMs);
        }

        double at(double ms) {
            return Math.max(0, Math.log10(Math.max(ms, bottomMs) / bottomMs));
        }

        /** A tick per decade; with few decades also at 2 and 5 times each. */
        List<PlotModel.Tick> ticks() {
            List<PlotModel.Tick> ticks = new ArrayList<>();
            boolean fine = max() <= 3.5;
            for (double decade = bottomMs; decade <= topMs * 1.0001; decade *= 10) {
                ticks.add(new PlotModel.Tick(at(decade), label(decade)));
                if (!fine || decade * 10 > topMs * 1.0001) continue;
                ticks.add(new PlotModel.Tick(at(2 * decade), label(2 * decade)));
                ticks.add(new PlotModel.Tick(at(5 * decade), label(5 * decade)));
            }
            return ticks;
        }

        private static String label(double ms) {
            if (ms >= 1) return String.format("%.0f", ms);
            return new java.math.BigDecimal(ms, new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
        }
    }

    static List<PlotModel.Tick> xTicks(int nines) {
        List<PlotModel.Tick> ticks = new ArrayList<>();
        ticks.add(new PlotModel.Tick(0, "0%"));
        for (int k = 1; k <= nines; k++) ticks.add(new PlotModel.Tick(k, ninesLabel(k)));
        return ticks;
    }

    /** 1 -> "90%", 2 -> "99%", 3 -> "99.9%", 4 -> "99.99%". */
    static String ninesLabel(int nines) {
        if (nines == 1) return "90%";
        return "99" + (nines > 2 ? "." + "9".repeat(nines - 2) : "") + "%";
    }
}
