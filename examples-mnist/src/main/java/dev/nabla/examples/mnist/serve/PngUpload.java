package dev.nabla.examples.mnist.serve;

import dev.nabla.examples.mnist.DigitImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A PNG sent to {@code POST /api/predict}, checked and turned into the network's 784 inputs by
 * {@link DigitImage#fromImage}, as {@code mnist predict --image} does. Its size is read from the
 * header before any pixel is decoded, so a small file claiming a huge picture (a decompression bomb)
 * is refused without allocating it.
 */
final class PngUpload {
  /** The largest body accepted, in bytes (5 MB). */
  static final int MAX_BYTES = 5 * 1024 * 1024;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private PngUpload() {}

  /**
   * Refuses a declared {@code Content-Length} over {@link #MAX_BYTES} (or not a number), before
   * anything of the body is read; {@code null} (no header, a chunked body) passes.
   */
  static void checkDeclaredLength(String contentLength) {
    if (contentLength != null) {
      long declared = parseLength(contentLength);
      if (declared > MAX_BYTES) {
        throw tooLarge(String.format(Locale.ROOT, "%,d bytes", declared));
      }
    }
  }

  /** Reads a body of at most {@link #MAX_BYTES}, refusing it as soon as it passes the limit. */
  static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      throw tooLarge("more than " + String.format(Locale.ROOT, "%,d bytes", MAX_BYTES));
    }
    return body;
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      throw new ApiException(400, "Content-Length '%s' is not a number of bytes", header);
    }
  }

  private static ApiException tooLarge(String size) {
    return new ApiException(413, "the body is %s; the limit is %,d bytes (5 MB)", size, MAX_BYTES);
  }

  /** The network's input for a PNG body. */
  static double[] toInput(byte[] body) throws IOException {
    if (body.length == 0) {
      throw new ApiException(400, "the body is empty: POST a PNG picture of a digit (Content-Type: image/png)");
    }
    if (body.length < SIGNATURE.length || !Arrays.equals(body, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
      throw new ApiException(415, "the body is not a PNG picture (it does not start with PNG's signature)");
    }
    BufferedImage picture = decode(body);
    try {
      return DigitImage.fromImage(picture, "the picture");
    } catch (IllegalArgumentException e) {
      throw new ApiException(422, "%s", e.getMessage());
    }
  }

  private static BufferedImage decode(byte[] body) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(body))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width > DigitImage.MAX_SIDE || height > DigitImage.MAX_SIDE) { // predict's rule, read from the header
          throw new ApiException(413, "the picture is %,d × %,d pixels; at most %s × %s are accepted", width, height,
              DigitImage.MAX_SIDE, DigitImage.MAX_SIDE);
        }
        return reader.read(0);
      } catch (ApiException e) {
        throw e;
      } catch (IOException | RuntimeException e) { // ImageIO reports a damaged file in several ways
        throw new ApiException(400, "the PNG picture is damaged and could not be decoded");
      } finally {
        reader.dispose();
      }
    }
  }
}
