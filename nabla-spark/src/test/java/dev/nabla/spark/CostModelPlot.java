package dev.nabla.spark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the cost model of training on Spark: steps per second against the number of executor cores
 * {@code E}, {@code 1 / (O + W/E)} for a per-step overhead {@code O} and a step's compute time {@code W}
 * on one core, next to one machine's {@code 1 / W}. Log–log axes.
 *
 * <p>Usage: {@code CostModelPlot <overhead ms> <out.png> [W ms …]} (default W: 10, 100, 1000).
 */
public final class CostModelPlot {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 560;
  private static final int LEFT = 80;
  private static final int RIGHT = 280;
  private static final int TOP = 60;
  private static final int BOTTOM = 70;
  private static final int MAX_EXECUTORS = 128;
  private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

  private CostModelPlot() {}

  public static void main(String[] args) throws IOException {
    double overhead = Double.parseDouble(args[0]);
    double[] work = args.length > 2 ? new double[args.length - 2] : new double[] {10, 100, 1000};
    for (int i = 2; i < args.length; i++) {
      work[i - 2] = Double.parseDouble(args[i]);
    }
    draw(overhead, work, Path.of(args[1]));
  }

  static void draw(double overheadMs, double[] workMs, Path png) throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    double fastest = 1000 / Math.min(overheadMs, Arrays.stream(workMs).min().orElseThrow());
    double slowest = 1000 / Arrays.stream(workMs).max().orElseThrow();
    double lyMin = Math.floor(Math.log10(slowest) - 0.2);
    double lyMax = Math.ceil(Math.log10(fastest) + 0.2);
    double lxMax = Math.log(MAX_EXECUTORS) / Math.log(2);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    java.util.function.DoubleUnaryOperator px = e -> LEFT + plotW * (Math.log(e) / Math.log(2)) / lxMax;
    java.util.function.DoubleUnaryOperator py = s -> TOP + plotH * (lyMax - Math.log10(s)) / (lyMax - lyMin);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int k = 0; k <= (int) lxMax; k++) { // x grid: 1, 2, 4, … executors
      int x = (int) px.applyAsDouble(1 << k);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(x, TOP, x, TOP + plotH);
      g.setColor(Color.DARK_GRAY);
      String label = Integer.toString(1 << k);
      g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
    }
    for (int k = (int) lyMin; k <= (int) lyMax; k++) { // y grid: powers of ten
      int y = (int) py.applyAsDouble(Math.pow(10, k));
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.DARK_GRAY);
      String label = k >= 0 ? String.format(Locale.ROOT, "%,d", (long) Math.pow(10, k)) : String.format(Locale.ROOT, "%s",
          Math.pow(10, k));
      g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 5);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.drawString("executor cores E", LEFT + plotW / 2 - 50, HEIGHT - 25);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString("training steps per second", -(TOP + plotH / 2 + 75), 25);
    rotated.dispose();
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(String.format(Locale.ROOT, "Spark's steps per second 1 / (O + W/E), O = %.1f ms measured per step,", overheadMs),
        LEFT, 25);
    g.drawString("against one machine's 1 / W (dashed), for a step of W ms on one core", LEFT, 45);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int i = 0; i < workMs.length; i++) {
      double w = workMs[i];
      g.setColor(COLOURS[i % COLOURS.length]);
      Path2D spark = new Path2D.Double();
      for (int step = 0; step <= 200; step++) {
        double e = Math.pow(2, lxMax * step / 200);
        double s = 1000 / (overheadMs + w / e);
        double x = px.applyAsDouble(e);
        double y = py.applyAsDouble(s);
        if (step == 0) {
          spark.moveTo(x, y);
        } else {
          spark.lineTo(x, y);
        }
      }
      g.setStroke(new BasicStroke(2.5f));
      g.draw(spark);
      int local = (int) py.applyAsDouble(1000 / w);
      g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
      g.drawLine(LEFT, local, LEFT + plotW, local);
      // O + W/E < W for E > W / (W − O): the first whole number of cores past that
      double breakEven = w > overheadMs ? w / (w - overheadMs) : Double.POSITIVE_INFINITY;
      String legend = String.format(Locale.ROOT, "W = %s ms: %s", format(w), Double.isInfinite(breakEven)
          ? "Spark never faster" : String.format(Locale.ROOT, "faster from E = %d, at most %.0f×",
              (long) Math.floor(breakEven) + 1, w / overheadMs));
      g.setStroke(new BasicStroke(2.5f));
      int ly = TOP + 20 + 44 * i;
      g.drawLine(LEFT + plotW + 15, ly, LEFT + plotW + 40, ly);
      g.drawString(legend.substring(0, legend.indexOf(':') + 1), LEFT + plotW + 46, ly + 5);
      g.drawString(legend.substring(legend.indexOf(':') + 2), LEFT + plotW + 46, ly + 22);
    }
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 4}, 0));
    int ceiling = (int) py.applyAsDouble(1000 / overheadMs);
    g.drawLine(LEFT, ceiling, LEFT + plotW, ceiling);
    g.setColor(Color.DARK_GRAY);
    g.drawString(String.format(Locale.ROOT, "dotted: Spark's ceiling 1/O = %.0f steps/s", 1000 / overheadMs),
        LEFT + plotW + 15, TOP + 20 + 44 * workMs.length + 10);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static String format(double ms) {
    return ms == Math.rint(ms) ? String.format(Locale.ROOT, "%,d", (long) ms) : Double.toString(ms);
  }
}
