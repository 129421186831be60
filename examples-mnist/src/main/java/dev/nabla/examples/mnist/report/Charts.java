package dev.nabla.examples.mnist.report;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Line charts drawn with Java2D (headless), one or more series over epochs 1..n: the accuracy and cost
 * curves of a training run. Plain Java2D keeps the example free of a plotting dependency for two charts.
 */
public final class Charts {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 480;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

  private Charts() {}

  /** A named series of values, one per epoch. */
  public record Series(String name, double[] values) {
    /** Copies the values. */
    public Series {
      values = values.clone();
    }
  }

  /** A chart of {@code series} against the epoch number, with a title and a y-axis label. */
  public static BufferedImage lineChart(String title, String yLabel, List<Series> series) {
    checkArgument(!series.isEmpty(), "lineChart: no series");
    int n = series.get(0).values().length;
    checkArgument(n > 0, "lineChart: no values");
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.values()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!(hi > lo)) {
      lo -= 0.5;
      hi += 0.5;
    }
    double pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;

    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString(title, LEFT, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    // grid and y ticks
    for (int t = 0; t <= 5; t++) {
      double v = lo + (hi - lo) * t / 5;
      int y = TOP + plotH - (int) Math.round(plotH * t / 5.0);
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.4g", v), 8, y + 5);
    }
    // x ticks: epochs
    int step = Math.max(1, n / 10);
    for (int e = 1; e <= n; e += step) {
      int x = xOf(e, n, plotW);
      g.drawLine(x, TOP + plotH, x, TOP + plotH + 5);
      g.drawString(Integer.toString(e), x - 4, TOP + plotH + 20);
    }
    g.drawString("epoch", LEFT + plotW / 2 - 20, HEIGHT - 15);
    g.drawString(yLabel, LEFT, TOP - 5);
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    // series
    g.setStroke(new BasicStroke(2.2f));
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      g.setColor(COLORS[k % COLORS.length]);
      int px = -1;
      int py = -1;
      for (int e = 1; e <= s.values().length; e++) {
        double v = s.values()[e - 1];
        if (!Double.isFinite(v)) {
          px = -1;
          continue;
        }
        int x = xOf(e, n, plotW);
        int y = TOP + plotH - (int) Math.round(plotH * (v - lo) / (hi - lo));
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        g.fillOval(x - 3, y - 3, 6, 6);
        px = x;
        py = y;
      }
      g.drawString(s.name(), LEFT + plotW - 200, TOP + 20 + 18 * k);
    }
    g.dispose();
    return img;
  }

  private static int xOf(int epoch, int n, int plotW) {
    return LEFT + (n == 1 ? plotW / 2 : (int) Math.round(plotW * (epoch - 1) / (double) (n - 1)));
  }
}
