package dev.nabla.examples.mnist;

import static dev.nabla.examples.mnist.IdxSamples.NAME;
import static dev.nabla.examples.mnist.IdxSamples.assertRejected;
import static dev.nabla.examples.mnist.IdxSamples.encode;
import static dev.nabla.examples.mnist.IdxSamples.flip;
import static dev.nabla.examples.mnist.IdxSamples.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * MNIST's own rules on top of the IDX format: labels are digits 0 to 9 and images are 28 × 28. A
 * flipped bit in a label file is rejected exactly when it hits the header or turns a label into a
 * value above 9.
 */
class MnistFilesProperties {

  @Provide
  Arbitrary<IdxArray> labelFiles() {
    return Arbitraries.integers().between(0, 9).array(int[].class).ofMinSize(1).ofMaxSize(200)
        .map(MnistFilesProperties::labels);
  }

  @Property(tries = 200)
  void validLabelFilesReadBackEqual(@ForAll("labelFiles") IdxArray labels, @ForAll boolean gzip) {
    assertEquals(labels, MnistFiles.labels(NAME, encode(labels, gzip)));
  }

  @Property(tries = 500)
  void aLabelAboveNineIsRejected(
      @ForAll("labelFiles") IdxArray labels, @ForAll boolean gzip,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where,
      @ForAll @IntRange(min = 10, max = 255) int label) {
    byte[] data = labels.toByteArray();
    data[position(where, data.length)] = (byte) label;
    byte[] content = encode(IdxArray.of(NAME, labels.dims(), data), gzip);
    IdxFormatException e = assertRejected(content.length, () -> MnistFiles.labels(NAME, content));
    assertTrue(e.problem().startsWith("label " + label + " at index "), e.getMessage());
  }

  @Property(tries = 1000)
  void aBitFlipInARawLabelFileIsRejectedExactlyWhenItHitsTheHeaderOrMakesALabelAboveNine(
      @ForAll("labelFiles") IdxArray labels,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] content = encode(labels, false);
    int at = position(where, content.length);
    byte[] flipped = flip(content, at, bit);
    if (at < IdxSamples.headerLength(1) || (flipped[at] & 0xFF) > 9) {
      assertRejected(flipped.length, () -> MnistFiles.labels(NAME, flipped));
    } else {
      byte[] data = labels.toByteArray();
      data[at - IdxSamples.headerLength(1)] = flipped[at];
      assertEquals(IdxArray.of(NAME, labels.dims(), data), MnistFiles.labels(NAME, flipped));
    }
  }

  @Property(tries = 100)
  void imagesOfAnotherSizeThan28By28AreRejected(
      @ForAll @IntRange(min = 1, max = 3) int count,
      @ForAll @IntRange(min = 1, max = 40) int rows,
      @ForAll @IntRange(min = 1, max = 40) int columns,
      @ForAll boolean gzip) {
    Assume.that(rows != MnistFiles.ROWS || columns != MnistFiles.COLUMNS);
    byte[] content = encode(IdxArray.of(NAME, new int[] {count, rows, columns}, new byte[count * rows * columns]), gzip);
    assertRejected(content.length, () -> MnistFiles.images(NAME, content));
  }

  @Property(tries = 50)
  void imagesOf28By28AreAccepted(@ForAll @IntRange(min = 1, max = 4) int count, @ForAll long seed, @ForAll boolean gzip) {
    byte[] pixels = new byte[count * MnistFiles.PIXELS];
    new Random(seed).nextBytes(pixels);
    IdxArray images = IdxArray.of(NAME, new int[] {count, 28, 28}, pixels);
    assertEquals(images, MnistFiles.images(NAME, encode(images, gzip)));
  }

  private static IdxArray labels(int[] digits) {
    byte[] data = new byte[digits.length];
    for (int i = 0; i < digits.length; i++) {
      data[i] = (byte) digits[i];
    }
    return IdxArray.of(NAME, new int[] {digits.length}, data);
  }
}
