package dev.nabla.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Pictures become the network's input: 28×28 greyscale as it is, anything else prepared like MNIST, bombs refused. */
class DigitImageTest {

  @Test
  void a28By28GreyscalePictureOfAnMnistDigitIsTheNetworksInputAsItIs() throws IOException, URISyntaxException {
    Path subset = Path.of(getClass().getResource("/mnist/README.md").toURI()).getParent();
    LabeledImages test = MnistSplit.readExamples(MnistFiles.locate(subset, MnistFiles.TEST_IMAGES),
        MnistFiles.locate(subset, MnistFiles.TEST_LABELS));
    for (int index : new int[] {0, 200, 499}) {
      double[] expected = Arrays.copyOfRange(test.images().rawData(), index * 784, (index + 1) * 784);
      BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      WritableRaster raster = img.getRaster();
      for (int p = 0; p < 784; p++) {
        raster.setSample(p % 28, p / 28, 0, (int) Math.round(expected[p] * 255));
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(img, "png", png);

      double[] read = DigitImage.read(new ByteArrayInputStream(png.toByteArray()), "digit-" + index + ".png");
      assertArrayEquals(expected, read, "test digit " + index + " (used to be re-cropped and re-centred)");
    }
  }

  @Test
  void aLargeDrawingIsShrunkByAveragingItsPixelsNotBySamplingThem() {
    // a 200 × 200 checkerboard of single pixels on a 400 × 400 black page: each of the 20 × 20 pixels
    // it shrinks to covers 10 × 10 of its pixels, half of them white, so each is grey 0.5 (sampling
    // would give a pattern of 0s and 1s, the jagged strokes drawn digits used to get)
    BufferedImage page = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 200; x++) {
        page.setRGB(100 + x, 100 + y, (x + y) % 2 == 0 ? 0xffffff : 0);
      }
    }
    double[] px = DigitImage.fromImage(page, "checkerboard.png");
    int covered = 0;
    for (double v : px) {
      if (v > 0) {
        assertEquals(0.5, v, 1e-9, Arrays.toString(px));
        covered++;
      }
    }
    assertEquals(20 * 20, covered, "the board fills the 20 × 20 box");
  }

  @Test
  void aPictureTooLargeIsRefusedFromItsHeaderBeforeDecoding() throws IOException {
    byte[] bomb = blackPng(20_000, 20_000); // 20000 × 20000 pixels in about 100 KB
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DigitImage.read(new ByteArrayInputStream(bomb), "bomb.png"));
    assertEquals("bomb.png: the picture is 20000 × 20000 pixels; at most 4096 × 4096 are accepted", e.getMessage());
  }

  @Test
  void bytesThatAreNotAPictureAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DigitImage.read(new ByteArrayInputStream("hello".getBytes()), "note.txt"));
    assertEquals("note.txt: not an image this Java can read (PNG, JPEG, GIF or BMP)", e.getMessage());
  }

  @Test
  void aLargeDarkOnLightPictureIsInvertedCroppedAndCentred() throws IOException {
    double[] px = DigitImage.read(Path.of("samples", "three-drawn.png"));
    assertEquals(784, px.length);
    double mass = 0;
    double cx = 0;
    double cy = 0;
    for (int p = 0; p < 784; p++) {
      mass += px[p];
      cx += px[p] * (p % 28);
      cy += px[p] * (p / 28);
    }
    assertEquals(13.5, cx / mass, 1.0, "centre of mass, x");
    assertEquals(13.5, cy / mass, 1.0, "centre of mass, y");
    assertEquals(0.0, px[0], "the light paper becomes the dark background");
  }

  /** A valid 1-bit greyscale PNG of {@code w × h} black pixels, compressed to almost nothing. */
  private static byte[] blackPng(int w, int h) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(out);
    data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    DataOutputStream h0 = new DataOutputStream(header);
    h0.writeInt(w);
    h0.writeInt(h);
    h0.write(new byte[] {1, 0, 0, 0, 0}); // bit depth 1, greyscale, deflate, no filter, no interlace
    chunk(data, "IHDR", header.toByteArray());
    ByteArrayOutputStream pixels = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(pixels, new Deflater(9))) {
      byte[] row = new byte[1 + (w + 7) / 8]; // filter byte 0, then zeros
      for (int y = 0; y < h; y++) {
        z.write(row);
      }
    }
    chunk(data, "IDAT", pixels.toByteArray());
    chunk(data, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
    out.writeInt(body.length);
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.write(t);
    out.write(body);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(body);
    out.writeInt((int) crc.getValue());
  }
}
