package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns any picture of a digit into MNIST's form, the way the MNIST digits were prepared: greyscale,
 * light digit on a dark background (inverted when the picture's border is light), cropped to the digit,
 * scaled so its longer side is 20 pixels, and placed in a 28×28 field with its centre of mass at the
 * centre. Pixels come out in {@code [0, 1]}, row-major, 784 of them.
 */
public final class DigitImage {
  private static final int SIDE = 28;
  private static final int BOX = 20;

  private DigitImage() {}

  /** Reads a PNG, JPEG, GIF or BMP file and converts it. */
  public static double[] read(Path file) throws IOException {
    checkArgument(Files.isRegularFile(file), "%s: no such image file", file);
    BufferedImage img = ImageIO.read(file.toFile());
    checkArgument(img != null, "%s: not an image this Java can read (PNG, JPEG, GIF or BMP)", file);
    return fromImage(img, file.toString());
  }

  /** Converts a picture; {@code name} is used in error messages. */
  public static double[] fromImage(BufferedImage img, String name) {
    int w = img.getWidth();
    int h = img.getHeight();
    double[] grey = new double[w * h];
    double border = 0;
    int borderCount = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        double alpha = ((rgb >>> 24) & 0xff) / 255.0;
        double lum = (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff)) / 255.0;
        double v = alpha * lum + (1 - alpha); // transparent counts as white paper
        grey[y * w + x] = v;
        if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
          border += v;
          borderCount++;
        }
      }
    }
    boolean lightBackground = border / borderCount > 0.5;
    double min = 1;
    double max = 0;
    for (int i = 0; i < grey.length; i++) {
      grey[i] = lightBackground ? 1 - grey[i] : grey[i];
      min = Math.min(min, grey[i]);
      max = Math.max(max, grey[i]);
    }
    checkArgument(max - min > 0.05, "%s: the picture is blank (no contrast to find a digit in)", name);
    // stretch contrast, treat faint noise as background
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = (grey[y * w + x] - min) / (max - min);
        v = v < 0.1 ? 0 : v;
        grey[y * w + x] = v;
        if (v > 0) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    int bw = x1 - x0 + 1;
    int bh = y1 - y0 + 1;
    double scale = (double) BOX / Math.max(bw, bh);
    int sw = Math.max(1, (int) Math.round(bw * scale));
    int sh = Math.max(1, (int) Math.round(bh * scale));
    BufferedImage crop = new BufferedImage(bw, bh, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < bh; y++) {
      for (int x = 0; x < bw; x++) {
        int v = (int) Math.round(255 * grey[(y0 + y) * w + x0 + x]);
        crop.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    BufferedImage small = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(crop, 0, 0, sw, sh, null);
    g.dispose();
    // centre of mass of the scaled digit
    double mass = 0;
    double cx = 0;
    double cy = 0;
    double[] px = new double[sw * sh];
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < sw; x++) {
        double v = (small.getRGB(x, y) & 0xff) / 255.0;
        px[y * sw + x] = v;
        mass += v;
        cx += v * x;
        cy += v * y;
      }
    }
    int offX = (int) Math.round(SIDE / 2.0 - (mass > 0 ? cx / mass : sw / 2.0) - 0.5);
    int offY = (int) Math.round(SIDE / 2.0 - (mass > 0 ? cy / mass : sh / 2.0) - 0.5);
    double[] out = new double[SIDE * SIDE];
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < sw; x++) {
        int tx = x + offX;
        int ty = y + offY;
        if (tx >= 0 && tx < SIDE && ty >= 0 && ty < SIDE) {
          out[ty * SIDE + tx] = px[y * sw + x];
        }
      }
    }
    return out;
  }
}
