package dev.nabla.examples.mnist.report;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Grids of 28×28 pictures: a network's first-layer weights, one tile per hidden neuron (as 3Blue1Brown
 * shows them: blue for positive weights, red for negative), and digits with a caption each (the
 * misclassified test images, labelled {@code predicted/true}).
 */
public final class DigitGrids {
  private static final int SIDE = 28;

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
   * The rows of {@code weights} ({@code [hidden, 784]}, row-major) as tiles, each scaled to its own
   * largest absolute weight.
   */
  public static BufferedImage weights(double[] weights, int hidden, int scale) {
    checkArgument(weights.length == hidden * SIDE * SIDE, "weights: %s values for %s rows of 784", weights.length, hidden);
    int cols = (int) Math.ceil(Math.sqrt(hidden));
    int rows = (hidden + cols - 1) / cols;
    int cell = SIDE * scale + 4;
    BufferedImage img = new BufferedImage(cols * cell + 4, rows * cell + 4, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int h = 0; h < hidden; h++) {
      double max = 1e-12;
      for (int p = 0; p < SIDE * SIDE; p++) {
        max = Math.max(max, Math.abs(weights[h * SIDE * SIDE + p]));
      }
      int ox = 4 + (h % cols) * cell;
      int oy = 4 + (h / cols) * cell;
      for (int p = 0; p < SIDE * SIDE; p++) {
        double v = weights[h * SIDE * SIDE + p] / max;
        int mag = (int) Math.round(255 * Math.min(1, Math.abs(v)));
        Color c = v >= 0 ? new Color(255 - mag, 255 - mag / 2, 255) : new Color(255, 255 - mag, 255 - mag);
        g.setColor(c);
        g.fillRect(ox + (p % SIDE) * scale, oy + (p / SIDE) * scale, scale, scale);
      }
    }
    g.dispose();
    return img;
  }

  /** Digits (pixels in [0, 1], white on black as in MNIST) in a grid with a caption under each. */
  public static BufferedImage captioned(List<Tile> tiles, int columns, int scale) {
    checkArgument(!tiles.isEmpty(), "captioned: no tiles");
    int cols = Math.min(columns, tiles.size());
    int rows = (tiles.size() + cols - 1) / cols;
    int cellW = SIDE * scale + 8;
    int cellH = SIDE * scale + 24;
    BufferedImage img = new BufferedImage(cols * cellW + 8, rows * cellH + 8, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int t = 0; t < tiles.size(); t++) {
      int ox = 8 + (t % cols) * cellW;
      int oy = 8 + (t / cols) * cellH;
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
}
