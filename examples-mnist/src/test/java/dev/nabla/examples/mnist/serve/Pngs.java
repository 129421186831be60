package dev.nabla.examples.mnist.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** PNG pictures for the tests: MNIST digits as files a user might have, and broken or hostile ones. */
final class Pngs {
  private Pngs() {}

  /** A 28×28 greyscale PNG of MNIST pixels (light digit on black), as MNIST stores them. */
  static byte[] mnist(double[] pixels) {
    return picture(pixels, 1, false);
  }

  /** The digit drawn {@code scale} times larger in dark ink on white paper, as a scanned drawing. */
  static byte[] onPaper(double[] pixels, int scale) {
    return picture(pixels, scale, true);
  }

  private static byte[] picture(double[] pixels, int scale, boolean paper) {
    BufferedImage img = new BufferedImage(28 * scale, 28 * scale, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 28 * scale; y++) {
      for (int x = 0; x < 28 * scale; x++) {
        int v = (int) Math.round(255 * pixels[(y / scale) * 28 + x / scale]);
        v = paper ? 255 - v : v;
        img.getRaster().setSample(x, y, 0, v);
      }
    }
    return encode(img);
  }

  /** A picture of one colour: nothing drawn. */
  static byte[] blank(int width, int height) {
    return encode(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY));
  }

  static byte[] encode(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A tiny PNG whose header claims {@code width × height} pixels, a decompression bomb's shape: the
   * signature, an IHDR chunk (8-bit greyscale), a scrap of IDAT and IEND.
   */
  static byte[] claiming(int width, int height) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream h = new DataOutputStream(ihdr);
      h.writeInt(width);
      h.writeInt(height);
      h.write(new byte[] {8, 0, 0, 0, 0});
      chunk(out, "IHDR", ihdr.toByteArray());
      chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00});
      chunk(out, "IEND", new byte[0]);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(name);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }
}
