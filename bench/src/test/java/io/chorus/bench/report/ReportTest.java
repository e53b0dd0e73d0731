package io.chorus.bench.report;

import io.chorus.bench.check.StalenessPoint;
import io.chorus.bench.run.PhaseMetrics;
import io.chorus.bench.workload.OpType;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    static Histogram latencies(long fromMicros, long toMicros, int count) {
        Histogram h = new Histogram(1, 600_000_000L, 3);
        for (int i = 0; i < count; i++) h.recordValue(fromMicros + (toMicros - fromMicros) * i / count);
        return h;
    }

    @Test
    void thePercentileAxisCountsNines() {
        assertEquals(0, PercentilePlots.x(0), 1e-9);
        assertEquals(1, PercentilePlots.x(90), 1e-9);
        assertEquals(2, PercentilePlots.x(99), 1e-9);
        assertEquals(3, PercentilePlots.x(99.9), 1e-9);
        assertEquals("90%", PercentilePlots.ninesLabel(1));
        assertEquals("99%", PercentilePlots.ninesLabel(2));
        assertEquals("99.99%", PercentilePlots.ninesLabel(4));
    }

    @Test
    void theLatencyAxisSpansWholeDecadesAroundTheData() {
        PercentilePlots.LogAxis axis = PercentilePlots.LogAxis.of(0.35, 270);
        assertEquals(0.1, axis.bottomMs(), 1e-12);
        assertEquals(1000, axis.topMs(), 1e-9);
        assertEquals(4, axis.max(), 1e-9);
        assertEquals(1, axis.at(1), 1e-9);
    }

    @Test
    void aPngPlotIsWrittenWithEverySeriesDrawn(@TempDir Path dir) throws IOException {
        PlotModel model = PercentilePlots.of("title", "subtitle", List.of(
                new PercentilePlots.Named("read", latencies(500, 5_000, 10_000), false, 0),
                new PercentilePlots.Named("update", latencies(900, 40_000, 10_000), false, 1)));
        Path png = dir.resolve("plot.png");
        PlotWriter.write(model, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(PlotWriter.WIDTH, image.getWidth());
        assertTrue(countPixels(image, PlotModel.PALETTE[0]) > 200, "the read line is drawn");
        assertTrue(countPixels(image, PlotModel.PALETTE[1]) > 200, "the update line is drawn");
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) n++;
            }
        }
        return n;
    }

    @Test
    void svgAndHtmlPlotsAreSelfContained(@TempDir Path dir) throws IOException {
        PlotModel model = PercentilePlots.of("a <title> & more", "s", List.of(
                new PercentilePlots.Named("read", latencies(500, 5_000, 1000), false, 0)));
        Path html = dir.resolve("plot.html");
        PlotWriter.write(model, html);
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && page.contains("<polyline"));
        assertTrue(page.contains("a &lt;title&gt; &amp; more"), "text is escaped");
        assertTrue(!page.contains("http://") || page.indexOf("http://") == page.indexOf("http://www.w3.org/2000/svg"),
                "nothing is loaded from elsewhere");
        assertThrows(IllegalArgumentException.class, () -> PlotWriter.checkName(Path.of("plot.jpg")));
    }

    @Test
    void theStalenessReportIsValidJsonWithAnIntervalPerPoint() {
        String json = StalenessReport.toJson("t", "ONE", "ONE", "other", List.of(new StalenessPoint(0, 100, 12, 1), new StalenessPoint(5, 0, 0, 3)));
        JsonSyntax.check(json);
        assertTrue(json.contains("\"missProbability\":0.12"), json);
        assertTrue(json.contains("\"readVia\":\"other\""), json);
        assertTrue(json.contains("\"missProbability\":null"), "no samples: no probability, not NaN: " + json);
    }

    @Test
    void theJsonWriterEscapesAndFormatsNumbers() {
        String json = new Json().beginObject().member("s", "a\"b\\c\nd\u0001").member("d", 0.000012345678).member("n", 3L)
                .name("a").beginArray().value(1.5).value(true).endArray().endObject().toString();
        JsonSyntax.check(json);
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"d\":0.0000123457,\"n\":3,\"a\":[1.5,true]}", json);
    }

    @Test
    void theProgressLineShowsEachOperationsRateAndPercentiles() {
        ProgressSample s = new ProgressSample("run", 12, 1, false, List.of(
                new ProgressSample.TypeSample(OpType.READ, 2000, 1210, 5330),
                new ProgressSample.TypeSample(OpType.UPDATE, 1000, 1900, 7000)), 3, "Timeout 3", 0);
        assertEquals("[run   12s]    3000 ops/s | read 2000/s p50 1.21 p99 5.33 ms | update 1000/s p50 1.90 p99 7.00 ms"
                + " | errors 3 (Timeout 3) | stale 0", s.line());
        assertEquals(3000, s.opsPerSecond(), 1e-9);
    }

    @Test
    void summaryRowsShowPercentilesInMilliseconds() {
        String row = Summary.row("read", latencies(1000, 2000, 1000), 10, 0);
        assertTrue(row.startsWith("read           1000        100"), row);
        assertTrue(row.contains("1.50"), "median of 1-2 ms: " + row);
        PhaseMetrics m = new PhaseMetrics(List.of(OpType.READ), false);
        assertEquals(0, m.totalResponse(OpType.READ).getTotalCount());
    }
}
