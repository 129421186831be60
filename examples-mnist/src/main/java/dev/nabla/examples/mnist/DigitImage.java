package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns a picture of a digit into the network's input: 784 pixels in {@code [0, 1]}, row-major, light
 * digit on a dark background as in MNIST.
 *
 * <ul>
 *   <li>A picture that is already 28×28 and greyscale (an MNIST digit saved as PNG, say) is taken as it
 *       is: each pixel's grey level, from the image's own samples (no colour conversion), over its
 *       maximum; inverted only when its border is light.
 *   <li>Any other picture is prepared the way the MNIST digits were: greyscale, inverted when the border
 *       is light, cropped to the digit, scaled so that its longer side is 20 pixels, and placed in a 28×28
 *       field with its centre of mass at the centre.
 * </ul>
 *
 * <p>{@link #read(InputStream, String)} is the entry point for bytes from anywhere (a file, an upload):
 * it reads the picture's dimensions from its header first and refuses one larger than {@link #MAX_SIDE}
 * pixels a side before decoding anything, so a small compressed file cannot exhaust memory.
 *
 * <pre>{@code
 * double[] pixels = DigitImage.read(Path.of("examples-mnist/samples/seven.png"));
 * int digit = net.predict(Tensor.of(Shape.of(1, 784), pixels))[0];
 * }</pre>
 */
public final class DigitImage {
  /** The largest width or height accepted, in pixels. */
  public static final int MAX_SIDE = 4096;
  private static final int SIDE = 28;
  private static final int BOX = 20;

  private DigitImage() {}

  /**
   * Reads a PNG, JPEG, GIF or BMP file and converts it.
   *
   * @throws IllegalArgumentException when the file is missing, not a readable picture, too large or blank
   */
  public static double[] read(Path file) throws IOException {
    checkNotNull(file, "image file");
    checkArgument(Files.exists(file), "%s: no such image file", file);
    checkArgument(Files.isRegularFile(file), "%s: not a file", file);
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads a PNG, JPEG, GIF or BMP picture from {@code in} (not closed) and converts it; {@code name} is
   * used in error messages.
   *
   * @throws IllegalArgumentException when the bytes are not a readable picture, the picture is larger
   *     than {@link #MAX_SIDE} a side, or it is blank
   */
  public static double[] read(InputStream in, String name) throws IOException {
    checkNotNull(in, "image input");
    ImageInputStream stream = new MemoryCacheImageInputStream(in);
    Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
    checkArgument(readers.hasNext(), "%s: not an image this Java can read (PNG, JPEG, GIF or BMP)", name);
    ImageReader reader = readers.next();
    try {
      reader.setInput(stream, true, true);
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      checkArgument(w <= MAX_SIDE && h <= MAX_SIDE, "%s: the picture is %s × %s pixels; at most %s × %s are accepted",
          name, w, h, MAX_SIDE, MAX_SIDE);
      return fromImage(reader.read(0), name);
    } catch (IIOException e) {
      throw new IllegalArgumentException(name + ": the picture cannot be decoded (" + e.getMessage() + ")", e);
    } finally {
      reader.dispose();
      stream.close();
    }
  }

  /** Converts a decoded picture; {@code name} is used in error messages. */
  public static double[] fromImage(BufferedImage img, String name) {
    int w = img.getWidth();
    int h = img.getHeight();
    checkArgument((long) w * h <= (long) MAX_SIDE * MAX_SIDE, "%s: the picture is %s × %s pixels; at most %s × %s are "
        + "accepted", name, w, h, MAX_SIDE, MAX_SIDE);
    double[] grey = new double[w * h];
    boolean greyscale = grey(img, grey);
    double border = 0;
    for (int x = 0; x < w; x++) {
      border += grey[x] + grey[(h - 1) * w + x];
    }
    for (int y = 0; y < h; y++) {
      border += grey[y * w] + grey[y * w + w - 1];
    }
    if (border / (2.0 * (w + h)) > 0.5) { // light paper, dark ink: MNIST is the other way round
      for (int i = 0; i < grey.length; i++) {
        grey[i] = 1 - grey[i];
      }
    }
    if (greyscale && w == SIDE && h == SIDE) {
      return grey;
    }
    return centred(grey, w, h, name);
  }

  /**
   * Fills {@code out} with each pixel's grey level in [0, 1] (transparent counts as white paper) and
   * returns whether the picture is greyscale. Grey images are read from their samples, because {@code
   * getRGB} would pass their linear grey through a colour conversion and change every level.
   */
  private static boolean grey(BufferedImage img, double[] out) {
    int w = img.getWidth();
    int h = img.getHeight();
    boolean greyModel = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    if (greyModel) {
      Raster raster = img.getRaster();
      boolean alpha = img.getColorModel().hasAlpha();
      double max = (1 << img.getColorModel().getComponentSize(0)) - 1;
      double maxAlpha = alpha ? (1 << img.getColorModel().getComponentSize(1)) - 1 : 1;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double v = raster.getSample(x, y, 0) / max;
          double a = alpha ? raster.getSample(x, y, 1) / maxAlpha : 1;
          out[y * w + x] = a * v + (1 - a);
        }
      }
      return true;
    }
    boolean allGrey = true;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        double a = ((rgb >>> 24) & 0xff) / 255.0;
        allGrey &= r == g && g == b;
        out[y * w + x] = a * (0.299 * r + 0.587 * g + 0.114 * b) / 255.0 + (1 - a);
      }
    }
    return allGrey;
  }

  /** MNIST's preparation: stretch the contrast, crop to the digit, scale its longer side to 20, centre its mass. */
  private static double[] centred(double[] grey, int w, int h, String name) {
    double min = 1;
    double max = 0;
    for (double v : grey) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    checkArgument(max - min > 0.05, "%s: the picture is blank (no contrast to find a digit in)", name);
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = (grey[y * w + x] - min) / (max - min);
        v = v < 0.1 ? 0 : v; // faint noise counts as background
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
    double[] px = scale <= 1 ? shrunk(grey, w, x0, y0, bw, bh, sw, sh) : enlarged(grey, w, x0, y0, bw, bh, sw, sh);
    double mass = 0;
    double cx = 0;
    double cy = 0;
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < sw; x++) {
        double v = px[y * sw + x];
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

  /**
   * The box {@code [x0, x0 + bw) × [y0, y0 + bh)} of {@code grey} (rows of {@code w}) shrunk to {@code sw × sh}
   * by area averaging: each new pixel is the mean of the old pixels it covers, weighted by how much of
   * each it covers. Strokes thinner than a new pixel become grey rather than vanishing or staying whole,
   * as MNIST's anti-aliased digits are; sampling (bilinear interpolation) made drawn digits jagged.
   */
  private static double[] shrunk(double[] grey, int w, int x0, int y0, int bw, int bh, int sw, int sh) {
    double fx = (double) bw / sw; // old pixels per new pixel
    double fy = (double) bh / sh;
    double[] out = new double[sw * sh];
    for (int y = 0; y < sh; y++) {
      double top = y * fy;
      double bottom = top + fy;
      for (int x = 0; x < sw; x++) {
        double left = x * fx;
        double right = left + fx;
        double sum = 0;
        for (int sy = (int) top; sy < Math.min(bh, Math.ceil(bottom)); sy++) {
          double hy = Math.min(bottom, sy + 1) - Math.max(top, sy);
          for (int sx = (int) left; sx < Math.min(bw, Math.ceil(right)); sx++) {
            double hx = Math.min(right, sx + 1) - Math.max(left, sx);
            sum += hx * hy * grey[(y0 + sy) * w + x0 + sx];
          }
        }
        out[y * sw + x] = sum / (fx * fy);
      }
    }
    return out;
  }

  /** The box of {@code grey} enlarged to {@code sw × sh} by bilinear interpolation (a digit smaller than the 20-pixel box). */
  private static double[] enlarged(double[] grey, int w, int x0, int y0, int bw, int bh, int sw, int sh) {
    BufferedImage crop = new BufferedImage(bw, bh, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < bh; y++) {
      for (int x = 0; x < bw; x++) {
        int v = (int) Math.round(255 * grey[(y0 + y) * w + x0 + x]);
        crop.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    BufferedImage big = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = big.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(crop, 0, 0, sw, sh, null);
    g.dispose();
    double[] out = new double[sw * sh];
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < sw; x++) {
        out[y * sw + x] = (big.getRGB(x, y) & 0xff) / 255.0;
      }
    }
    return out;
  }
}
