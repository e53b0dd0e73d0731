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
        String subtitle = String.format("%s | read %s, write %s | %d threads, %s | %d records of %d B | stale reads %d | %s",
                result.target(), c.readLevel(), c.writeLevel(), c.threads(),
                c.openLoop() ? String.format("open loop %.0f ops/s", c.rateOpsPerSecond()) : "closed loop",
                c.records(), c.valueBytes(), result.staleReads(),
                result.verification() == null ? "not verified" : result.verification().allVerified() ? "all writes verified" : "VERIFICATION FAILED");
        return of(title, subtitle, named);
    }

    /** One histogram to plot, with its legend label and colour (index into the palette); latencies in microseconds. */
    public record Named(String label, Histogram histogram, boolean dashed, int colour) {
    }

    public static PlotModel of(String title, String subtitle, List<Named> histograms) {
        long countMax = 1;
        double yMaxData = 0;
        for (Named n : histograms) {
            countMax = Math.max(countMax, n.histogram().getTotalCount());
            yMaxData = Math.max(yMaxData, n.histogram().getMaxValue() / 1000.0);
        }
        int nines = (int) Math.min(NINES_MAX, Math.max(2, Math.ceil(Math.log10(countMax))));
        double yStep = PlotModel.niceStep(yMaxData);
        double yMax = Math.max(yStep, Math.ceil(yMaxData / yStep) * yStep);
        List<PlotModel.Series> series = new ArrayList<>();
        for (Named n : histograms) {
            series.add(series(n, PlotModel.PALETTE[n.colour() % PlotModel.PALETTE.length], nines));
        }
        return new PlotModel(title, subtitle, "percentile", "latency (ms)", nines, yMax, xTicks(nines), yTicks(yMax, yStep), series);
    }

    private static PlotModel.Series series(Named n, int rgb, int nines) {
        List<double[]> points = new ArrayList<>();
        Histogram h = n.histogram();
        if (h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.percentiles(JsonReport.TICKS_PER_HALF_DISTANCE)) {
                double x = Math.min(nines, x(v.getPercentileLevelIteratedTo()));
                points.add(new double[]{x, h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0});
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

    static List<PlotModel.Tick> xTicks(int nines) {
        List<PlotModel.Tick> ticks = new ArrayList<>();
        ticks.add(new PlotModel.Tick(0, "0%"));
        StringBuilder label = new StringBuilder("90");
        for (int k = 1; k <= nines; k++) {
            ticks.add(new PlotModel.Tick(k, label + "%"));
            label.append(k == 1 ? ".9" : "9");
        }
        return ticks;
    }

    static List<PlotModel.Tick> yTicks(double yMax, double step) {
        List<PlotModel.Tick> ticks = new ArrayList<>();
        for (double y = 0; y <= yMax + step / 1000; y += step) {
            ticks.add(new PlotModel.Tick(y, step >= 1 ? String.format("%.0f", y) : step >= 0.1 ? String.format("%.1f", y) : String.format("%.2f", y)));
        }
        return ticks;
    }
}
