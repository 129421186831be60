package dev.nabla.examples.mnist.report;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Grids of 28×28 pictures under a title: a network's first-layer weights, one tile per hidden neuron
 * (as 3Blue1Brown shows them: blue for positive weights, red for negative, on one shared scale shown by
 * a colour key), and digits with a caption each (the misclassified test images).
 */
public final class DigitGrids {
  private static final int SIDE = 28;
  private static final int TITLE = 56; // height of the title band
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private DigitGrids() {}

  /** A picture with a caption; {@code pixels} has 784 values. */
  public record Tile(double[] pixels, String caption) {
    /** Copies the pixels and checks their number. */
    public Tile {
      checkArgument(pixels.length == SIDE * SIDE, "Tile: %s pixels, a 28×28 tile needs 784", pixels.length);
      pixels = pixels.clone();
    }
  }

  /**
   * The rows of {@code weights} ({@code [hidden, 784]}, row-major) as tiles on one colour scale: white
   * is 0, full blue is +s and full red −s, where s is the 99th percentile of |w| (larger weights are
   * drawn at full colour). A key under the title gives s.
   */
  public static BufferedImage weights(double[] weights, int hidden, int scale) {
    checkArgument(weights.length == hidden * SIDE * SIDE, "weights: %s values for %s rows of 784", weights.length, hidden);
    double s = percentileOfAbs(weights, 0.99);
    int cols = (int) Math.ceil(Math.sqrt(hidden));
    int rows = (hidden + cols - 1) / cols;
    int cell = SIDE * scale + 4;
    int width = Math.max(cols * cell + 4, 420);
    BufferedImage img = canvas(width, TITLE + 24 + rows * cell + 4);
    Graphics2D g = graphics(img);
    g.setColor(Color.BLACK);
    g.setFont(TITLE_FONT);
    g.drawString("First-layer weights, one 28×28 tile per hidden neuron", 6, 20);
    int keyX = 6;
    int keyW = Math.min(260, width - 150);
    for (int i = 0; i < keyW; i++) {
      g.setColor(color(2.0 * i / (keyW - 1) - 1));
      g.fillRect(keyX + i, 30, 1, 14);
    }
    g.setColor(Color.BLACK);
    g.drawRect(keyX, 30, keyW, 14);
    g.setFont(TEXT_FONT);
    g.drawString(String.format(Locale.ROOT, "−%.2g", s), keyX, 58);
    centred(g, "0", keyX + keyW / 2, 58);
    g.drawString(String.format(Locale.ROOT, "+%.2g", s), keyX + keyW - 30, 58);
    g.drawString("red: negative, blue: positive", keyX + keyW + 10, 42);
    int top = TITLE + 24;
    for (int h = 0; h < hidden; h++) {
      int ox = 4 + (h % cols) * cell;
      int oy = top + (h / cols) * cell;
      for (int p = 0; p < SIDE * SIDE; p++) {
        g.setColor(color(weights[h * SIDE * SIDE + p] / s));
        g.fillRect(ox + (p % SIDE) * scale, oy + (p / SIDE) * scale, scale, scale);
      }
    }
    g.dispose();
    return img;
  }

  /** Digits (pixels in [0, 1], white on black as in MNIST) in a grid under a title, with a caption under each. */
  public static BufferedImage captioned(String title, String explanation, List<Tile> tiles, int columns, int scale) {
    checkArgument(!tiles.isEmpty(), "captioned: no tiles");
    int cols = Math.min(columns, tiles.size());
    int rows = (tiles.size() + cols - 1) / cols;
    int cellW = SIDE * scale + 8;
    int cellH = SIDE * scale + 24;
    int width = Math.max(cols * cellW + 8, 520);
    BufferedImage img = canvas(width, TITLE + rows * cellH + 8);
    Graphics2D g = graphics(img);
    g.setColor(Color.BLACK);
    g.setFont(TITLE_FONT);
    g.drawString(title, 8, 20);
    g.setFont(TEXT_FONT);
    g.drawString(explanation, 8, 42);
    for (int t = 0; t < tiles.size(); t++) {
      int ox = 8 + (t % cols) * cellW;
      int oy = TITLE + (t / cols) * cellH;
      double[] px = tiles.get(t).pixels();
      for (int p = 0; p < px.length; p++) {
        int v = (int) Math.round(255 * Math.max(0, Math.min(1, px[p])));
        g.setColor(new Color(v, v, v));
        g.fillRect(ox + (p % SIDE) * scale, oy + (p / SIDE) * scale, scale, scale);
      }
      g.setColor(Color.BLACK);
      g.drawString(tiles.get(t).caption(), ox + 2, oy + SIDE * scale + 16);
    }
    g.dispose();
    return img;
  }

  /** White at 0, blue towards +1, red towards −1 (clipped beyond). */
  private static Color color(double v) {
    int mag = (int) Math.round(255 * Math.min(1, Math.abs(v)));
    return v >= 0 ? new Color(255 - mag, 255 - mag / 2, 255) : new Color(255, 255 - mag, 255 - mag);
  }

  private static double percentileOfAbs(double[] values, double q) {
    double[] abs = Arrays.stream(values).map(Math::abs).filter(Double::isFinite).sorted().toArray();
    if (abs.length == 0) {
      return 1;
    }
    double s = abs[(int) Math.min(abs.length - 1, Math.floor(q * abs.length))];
    return s > 0 ? s : 1;
  }

  private static BufferedImage canvas(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return img;
  }

  private static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    return g;
  }

  private static void centred(Graphics2D g, String text, int x, int y) {
    FontMetrics m = g.getFontMetrics();
    g.drawString(text, x - m.stringWidth(text) / 2, y);
  }
}
