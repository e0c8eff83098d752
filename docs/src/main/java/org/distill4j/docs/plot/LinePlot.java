package org.distill4j.docs.plot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart written as a PNG, for the figures of the docs reproductions (error against wall time, knowledge
 * over epochs). Drawn with the JDK's headless Java2D: no plotting dependency. Axes can be logarithmic; each
 * series is a polyline with point markers and a legend entry. If the JVM has no fonts, the chart is drawn
 * without its text rather than failing.
 *
 * <p>Usage: {@code LinePlot.titled("...").xLabel("seconds").logX().series("AIS", xs, ys).write(path)}.
 * Not thread-safe (a mutable builder of one figure).
 */
public final class LinePlot {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final List<Series> series = new ArrayList<>();
    private String xLabel = "";
    private String yLabel = "";
    private boolean logX;
    private boolean logY;

    private LinePlot(String title) {
        this.title = title;
    }

    /** A new empty chart with this title. */
    public static LinePlot titled(String title) {
        return new LinePlot(checkNotNull(title, "title"));
    }

    /** Sets the label of the horizontal axis. */
    public LinePlot xLabel(String label) {
        this.xLabel = checkNotNull(label, "label");
        return this;
    }

    /** Sets the label of the vertical axis. */
    public LinePlot yLabel(String label) {
        this.yLabel = checkNotNull(label, "label");
        return this;
    }

    /** Makes the horizontal axis logarithmic (every x must then be &gt; 0). */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    /** Makes the vertical axis logarithmic (every y must then be &gt; 0). */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    /**
     * Adds a series; the arrays are copied. Non-finite points are skipped when drawing.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public LinePlot series(String name, double[] x, double[] y) {
        checkNotNull(name, "name");
        checkArgument(x.length == y.length, "x and y must have the same length, got %s and %s", x.length, y.length);
        checkArgument(x.length > 0, "series %s is empty", name);
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    /**
     * Draws the chart and writes it to {@code file} as PNG, creating parent folders.
     *
     * @throws IllegalStateException if there is no series or no finite point to draw
     * @throws IOException           if the file cannot be written
     */
    public void write(Path file) throws IOException {
        double[] box = bounds();
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
            for (int s = 0; s < series.size(); s++) {
                drawSeries(g, series.get(s), PALETTE[s % PALETTE.length], box);
            }
            try {
                drawText(g, box);
            } catch (RuntimeException | Error noFonts) {
                // a JVM without fonts: the lines are still worth having
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    private double[] bounds() {
        if (series.isEmpty()) {
            throw new IllegalStateException("nothing to plot: add a series first");
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (drawable(s.x[i], s.y[i])) {
                    x0 = Math.min(x0, tx(s.x[i]));
                    x1 = Math.max(x1, tx(s.x[i]));
                    y0 = Math.min(y0, ty(s.y[i]));
                    y1 = Math.max(y1, ty(s.y[i]));
                }
            }
        }
        if (x0 > x1) {
            throw new IllegalStateException("no finite point to plot");
        }
        double padX = x1 > x0 ? 0.03 * (x1 - x0) : 0.5;
        double padY = y1 > y0 ? 0.05 * (y1 - y0) : 0.5;
        return new double[] {x0 - padX, x1 + padX, y0 - padY, y1 + padY};
    }

    private boolean drawable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
    }

    private double tx(double x) {
        return logX ? Math.log10(x) : x;
    }

    private double ty(double y) {
        return logY ? Math.log10(y) : y;
    }

    private int px(double tx, double[] box) {
        return LEFT + (int) Math.round((tx - box[0]) / (box[1] - box[0]) * (WIDTH - LEFT - RIGHT));
    }

    private int py(double ty, double[] box) {
        return HEIGHT - BOTTOM - (int) Math.round((ty - box[2]) / (box[3] - box[2]) * (HEIGHT - TOP - BOTTOM));
    }

    private void drawSeries(Graphics2D g, Series s, Color color, double[] box) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int lastX = Integer.MIN_VALUE;
        int lastY = 0;
        for (int i = 0; i < s.x.length; i++) {
            if (!drawable(s.x[i], s.y[i])) {
                lastX = Integer.MIN_VALUE;
                continue;
            }
            int x = px(tx(s.x[i]), box);
            int y = py(ty(s.y[i]), box);
            if (lastX != Integer.MIN_VALUE) {
                g.drawLine(lastX, lastY, x, y);
            }
            g.fillOval(x - 3, y - 3, 7, 7);
            lastX = x;
            lastY = y;
        }
    }

    private void drawText(Graphics2D g, double[] box) {
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(13f));
        for (int k = 0; k <= 5; k++) {
            double vx = box[0] + k * (box[1] - box[0]) / 5;
            double vy = box[2] + k * (box[3] - box[2]) / 5;
            int x = px(vx, box);
            int y = py(vy, box);
            g.drawLine(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 5);
            g.drawLine(LEFT - 5, y, LEFT, y);
            g.drawString(tick(logX ? Math.pow(10, vx) : vx), x - 20, HEIGHT - BOTTOM + 20);
            g.drawString(tick(logY ? Math.pow(10, vy) : vy), 8, y + 5);
        }
        g.drawString(xLabel + (logX ? " (log scale)" : ""), WIDTH / 2 - 60, HEIGHT - 20);
        g.drawString(yLabel + (logY ? " (log scale)" : ""), 8, TOP - 12);
        g.setFont(g.getFont().deriveFont(16f));
        g.drawString(title, LEFT, 25);
        g.setFont(g.getFont().deriveFont(13f));
        for (int s = 0; s < series.size(); s++) {
            int y = TOP + 20 + 18 * s;
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(WIDTH - RIGHT - 220, y - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name, WIDTH - RIGHT - 200, y);
        }
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.4f", v);
    }
}
