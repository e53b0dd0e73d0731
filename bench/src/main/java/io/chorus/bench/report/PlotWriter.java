package io.chorus.bench.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws a {@link PlotModel} as a PNG (java.awt, headless) or as a self-contained SVG or HTML page,
 * chosen by the file's extension. Both use the same layout, so they look alike.
 */
public final class PlotWriter {
    static final int WIDTH = 1100;
    static final int HEIGHT = 650;
    static final int LEFT = 90;
    static final int RIGHT = 50;
    static final int TOP = 80;
    static final int BOTTOM = 70;
    static final int GRID_RGB = 0xDDDDDD;

    private PlotWriter() {
    }

    /** Writes {@code model} to {@code file}: {@code .png}, {@code .svg}, or {@code .html}/{@code .htm}. */
    public static void write(PlotModel model, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) writePng(model, file);
        else if (name.endsWith(".svg")) Files.writeString(file, svg(model), StandardCharsets.UTF_8);
        else if (name.endsWith(".html") || name.endsWith(".htm")) Files.writeString(file, html(model), StandardCharsets.UTF_8);
        else throw new IllegalArgumentException("plot file " + file + " must end in .png, .svg or .html");
    }

    /** Checks the extension before a run, so a typo does not cost a whole run. */
    public static void checkName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".png") || name.endsWith(".svg") || name.endsWith(".html") || name.endsWith(".htm"))) {
            throw new IllegalArgumentException("--plot " + file + ": the file must end in .png, .svg or .html");
        }
    }

    static double px(PlotModel m, double x) {
        return LEFT + Math.min(x, m.xMax()) / m.xMax() * (WIDTH - LEFT - RIGHT);
    }

    static double py(PlotModel m, double y) {
        return HEIGHT - BOTTOM - Math.min(y, m.yMax()) / m.yMax() * (HEIGHT - TOP - BOTTOM);
    }

    public static void writePng(PlotModel m, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawFrame(g, m);
            for (PlotModel.Series s : m.series()) drawSeries(g, m, s);
            drawLegend(g, m);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer available in this JVM");
    }

    private static void drawFrame(Graphics2D g, PlotModel m) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(m.title(), LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(m.subtitle(), LEFT, 52);
        FontMetrics fm = g.getFontMetrics();
        for (PlotModel.Tick t : m.xTicks()) {
            int x = (int) Math.round(px(m, t.at()));
            g.setColor(new Color(GRID_RGB));
            g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
            g.setColor(Color.BLACK);
            g.drawString(t.label(), x - fm.stringWidth(t.label()) / 2, HEIGHT - BOTTOM + 18);
        }
        for (PlotModel.Tick t : m.yTicks()) {
            int y = (int) Math.round(py(m, t.at()));
            g.setColor(new Color(GRID_RGB));
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setColor(Color.BLACK);
            g.drawString(t.label(), LEFT - 8 - fm.stringWidth(t.label()), y + 4);
        }
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        fm = g.getFontMetrics();
        g.drawString(m.xLabel(), LEFT + (WIDTH - LEFT - RIGHT - fm.stringWidth(m.xLabel())) / 2, HEIGHT - 22);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(m.yLabel(), -(TOP + (HEIGHT - TOP - BOTTOM + fm.stringWidth(m.yLabel())) / 2), 24);
        rotated.dispose();
    }

    private static void drawSeries(Graphics2D g, PlotModel m, PlotModel.Series s) {
        if (s.x().length == 0) return;
        Path2D.Double path = new Path2D.Double();
        path.moveTo(px(m, s.x()[0]), py(m, s.y()[0]));
        for (int i = 1; i < s.x().length; i++) path.lineTo(px(m, s.x()[i]), py(m, s.y()[i]));
        g.setColor(new Color(s.rgb()));
        g.setStroke(s.dashed()
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{8f, 5f}, 0f)
                : new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawLegend(Graphics2D g, PlotModel m) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int width = 0;
        for (PlotModel.Series s : m.series()) width = Math.max(width, fm.stringWidth(s.label()));
        int x = LEFT + 12;
        int y = TOP + 12;
        int rowHeight = 20;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(x, y, width + 56, m.series().size() * rowHeight + 10);
        g.setColor(Color.GRAY);
        g.drawRect(x, y, width + 56, m.series().size() * rowHeight + 10);
        for (int i = 0; i < m.series().size(); i++) {
            PlotModel.Series s = m.series().get(i);
            int rowY = y + 18 + i * rowHeight;
            g.setColor(new Color(s.rgb()));
            g.setStroke(s.dashed()
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{8f, 5f}, 0f)
                    : new BasicStroke(2.5f));
            g.drawLine(x + 8, rowY - 4, x + 38, rowY - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(s.label(), x + 46, rowY);
        }
    }

    public static String html(PlotModel m) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(m.title()) + "</title></head>\n"
                + "<body style=\"font-family:sans-serif\">\n" + svg(m) + "\n</body></html>\n";
    }

    public static String svg(PlotModel m) {
        StringBuilder b = new StringBuilder(8192);
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(b, LEFT, 30, 18, "start", "bold", m.title());
        text(b, LEFT, 52, 12, "start", "normal", m.subtitle());
        String grid = String.format("#%06x", GRID_RGB);
        for (PlotModel.Tick t : m.xTicks()) {
            double x = px(m, t.at());
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n", x, TOP, x, HEIGHT - BOTTOM, grid));
            text(b, x, HEIGHT - BOTTOM + 18, 12, "middle", "normal", t.label());
        }
        for (PlotModel.Tick t : m.yTicks()) {
            double y = py(m, t.at());
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n", LEFT, y, WIDTH - RIGHT, y, grid));
            text(b, LEFT - 8, y + 4, 12, "end", "normal", t.label());
        }
        b.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        text(b, LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 22, 14, "middle", "normal", m.xLabel());
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(24,%.1f) rotate(-90)\" font-size=\"14\" text-anchor=\"middle\">%s</text>%n",
                TOP + (HEIGHT - TOP - BOTTOM) / 2.0, escape(m.yLabel())));
        for (PlotModel.Series s : m.series()) {
            if (s.x().length == 0) continue;
            b.append("<polyline fill=\"none\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke=\"").append(String.format("#%06x", s.rgb())).append('"');
            if (s.dashed()) b.append(" stroke-dasharray=\"8 5\"");
            b.append(" points=\"");
            for (int i = 0; i < s.x().length; i++) b.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(m, s.x()[i]), py(m, s.y()[i])));
            b.append("\"><title>").append(escape(s.label())).append("</title></polyline>\n");
        }
        int x = LEFT + 12;
        for (int i = 0; i < m.series().size(); i++) {
            PlotModel.Series s = m.series().get(i);
            int rowY = TOP + 30 + i * 20;
            b.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#%06x\" stroke-width=\"2.5\"%s/>%n",
                    x + 8, rowY - 4, x + 38, rowY - 4, s.rgb(), s.dashed() ? " stroke-dasharray=\"8 5\"" : ""));
            text(b, x + 46, rowY, 13, "start", "normal", s.label());
        }
        return b.append("</svg>").toString();
    }

    private static void text(StringBuilder b, double x, double y, int size, String anchor, String weight, String text) {
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n",
                x, y, size, anchor, weight, escape(text)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
