package io.chorus.bench.report;

import io.chorus.bench.check.StalenessPoint;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The staleness profile as a table, as JSON, and as a chart of P(miss) against t. */
public final class StalenessReport {
    private StalenessReport() {
    }

    public static void print(String heading, List<StalenessPoint> points, PrintStream out) {
        out.println();
        out.println("== " + heading);
        out.printf("%12s %10s %20s %16s %8s%n", "t after ack", "P(miss)", "95% interval", "misses/samples", "errors");
        for (StalenessPoint p : points) {
            double[] ci = p.interval95();
            out.printf("%9.1f ms %10s %20s %16s %8d%n", p.delayMillis(),
                    p.samples() == 0 ? "-" : String.format("%.4f", p.missProbability()),
                    String.format("[%.4f, %.4f]", ci[0], ci[1]), p.misses() + "/" + p.samples(), p.errors());
        }
    }

    /** @param readVia {@code other} or {@code same}: the node the reads went through (see {@code ReadVia}) */
    public static String toJson(String target, String writeLevel, String readLevel, String readVia, List<StalenessPoint> points) {
        Json j = new Json().beginObject().member("tool", "chorus bench staleness").member("target", target)
                .member("writeConsistency", writeLevel).member("readConsistency", readLevel).member("readVia", readVia);
        j.name("points").beginArray();
        for (StalenessPoint p : points) {
            double[] ci = p.interval95();
            j.beginObject().member("delayMs", p.delayMillis()).member("samples", p.samples()).member("misses", p.misses())
                    .member("errors", p.errors()).member("missProbability", p.missProbability())
                    .member("interval95Low", ci[0]).member("interval95High", ci[1]).endObject();
        }
        return j.endArray().endObject().toString();
    }

    /** P(miss) against t (linear), with the 95% interval as dashed lines. */
    public static PlotModel plot(String title, String subtitle, List<StalenessPoint> points) {
        double xMaxData = 0;
        for (StalenessPoint p : points) xMaxData = Math.max(xMaxData, p.delayMillis());
        double xStep = PlotModel.niceStep(Math.max(xMaxData, 1));
        double xMax = Math.max(xStep, Math.ceil(xMaxData / xStep) * xStep);
        List<PlotModel.Tick> xTicks = new ArrayList<>();
        for (double x = 0; x <= xMax + xStep / 1000; x += xStep) xTicks.add(new PlotModel.Tick(x, String.format("%.0f", x)));
        List<PlotModel.Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 10; i += 2) yTicks.add(new PlotModel.Tick(i / 10.0, String.format("%.1f", i / 10.0)));
        List<StalenessPoint> sampled = points.stream().filter(p -> p.samples() > 0)
                .sorted((a, b) -> Double.compare(a.delayMillis(), b.delayMillis())).toList();
        double[] x = new double[sampled.size()];
        double[] y = new double[sampled.size()];
        double[] low = new double[sampled.size()];
        double[] high = new double[sampled.size()];
        for (int i = 0; i < x.length; i++) {
            StalenessPoint p = sampled.get(i);
            x[i] = p.delayMillis();
            y[i] = p.missProbability();
            low[i] = p.interval95()[0];
            high[i] = p.interval95()[1];
        }
        List<PlotModel.Series> series = List.of(
                new PlotModel.Series("P(read misses the write)", PlotModel.PALETTE[0], false, x, y),
                new PlotModel.Series("95% interval, low", PlotModel.PALETTE[1], true, x, low),
                new PlotModel.Series("95% interval, high", PlotModel.PALETTE[1], true, x, high));
        return new PlotModel(title, subtitle, "t: read issued this long after the write's acknowledgement (ms)",
                "probability of a stale read", xMax, 1.0, xTicks, yTicks, series);
    }
}
