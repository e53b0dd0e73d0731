package io.chorus.bench.report;

import java.util.List;

/**
 * A line chart, independent of how it is drawn: axes from 0 to {@code xMax}/{@code yMax} in data
 * units, labelled ticks, and series of points. Builders put any axis transform (the log scale of a
 * percentile axis) into the x values, so renderers only map linearly.
 */
public record PlotModel(String title, String subtitle, String xLabel, String yLabel, double xMax, double yMax,
                        List<Tick> xTicks, List<Tick> yTicks, List<Series> series) {

    public record Tick(double at, String label) {
    }

    /** {@code rgb} as 0xRRGGBB; a dashed series is drawn with a dashed line. */
    public record Series(String label, int rgb, boolean dashed, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException("series " + label + " has " + x.length + " x and " + y.length + " y values");
        }
    }

    /** Distinct colours that stay apart for colour-blind readers (Okabe-Ito). */
    static final int[] PALETTE = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9};

    /** Up to about six round tick values from 0 to at least {@code max}: 1, 2 or 5 times a power of ten. */
    static double niceStep(double max) {
        if (!(max > 0)) return 1;
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double step = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return step * magnitude;
    }
}
