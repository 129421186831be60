package dev.nabla.examples.mnist;

import static dev.nabla.examples.mnist.IdxSamples.NAME;
import static dev.nabla.examples.mnist.IdxSamples.assertRejected;
import static dev.nabla.examples.mnist.IdxSamples.encode;
import static dev.nabla.examples.mnist.IdxSamples.flip;
import static dev.nabla.examples.mnist.IdxSamples.headerLength;
import static dev.nabla.examples.mnist.IdxSamples.position;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link IdxReader} reads back what {@link IdxWriter} wrote, raw or gzip, and rejects damaged and
 * forged files with an {@link IdxFormatException} naming the file — never another exception, never
 * an allocation sized by a header's claim. Each property states exactly which mutations must be
 * rejected: a flipped bit in the data of a raw file leaves a valid file, so it must be accepted.
 */
class IdxReaderProperties {
  private static final IdxReader READER = IdxReader.create();

  @Provide
  Arbitrary<IdxArray> arrays() {
    return IdxSamples.arrays();
  }

  @Property(tries = 300)
  void validFilesReadBackEqual(@ForAll("arrays") IdxArray array, @ForAll boolean gzip) {
    assertEquals(array, READER.read(NAME, encode(array, gzip), array.rank()));
  }

  @Property(tries = 500)
  void everyTruncatedFileIsRejected(
      @ForAll("arrays") IdxArray array, @ForAll boolean gzip,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double cut) {
    byte[] content = encode(array, gzip);
    byte[] truncated = Arrays.copyOf(content, position(cut, content.length));
    assertRejected(truncated.length, () -> READER.read(NAME, truncated, array.rank()));
  }

  @Property(tries = 300)
  void bytesAfterTheDataOfARawFileAreRejected(
      @ForAll("arrays") IdxArray array, @ForAll @Size(min = 1, max = 64) byte[] extra) {
    byte[] content = encode(array, false);
    byte[] longer = Arrays.copyOf(content, content.length + extra.length);
    System.arraycopy(extra, 0, longer, content.length, extra.length);
    assertRejected(longer.length, () -> READER.read(NAME, longer, array.rank()));
  }

  @Property(tries = 500)
  void everyBitFlipInARawHeaderIsRejected(
      @ForAll("arrays") IdxArray array,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] flipped = flip(encode(array, false), position(where, headerLength(array.rank())), bit);
    assertRejected(flipped.length, () -> READER.read(NAME, flipped, array.rank()));
  }

  @Property(tries = 500)
  void aBitFlipInTheDataOfARawFileIsReadAsThatChange(
      @ForAll("arrays") IdxArray array,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    int at = position(where, array.size());
    byte[] flipped = flip(encode(array, false), headerLength(array.rank()) + at, bit);
    IdxArray expected = IdxArray.of(NAME, array.dims(), flip(array.toByteArray(), at, bit));
    assertEquals(expected, READER.read(NAME, flipped, array.rank()));
  }

  /** A flip in a gzip stream is caught by its structure or CRC, or lands in a field that does not matter. */
  @Property(tries = 1000)
  void aBitFlipInAGzipFileIsRejectedOrChangesNothing(
      @ForAll("arrays") IdxArray array,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] content = encode(array, true);
    byte[] flipped = flip(content, position(where, content.length), bit);
    try {
      assertEquals(array, READER.read(NAME, flipped, array.rank()));
    } catch (IdxFormatException rejected) {
      assertEquals(NAME, rejected.file(), rejected.getMessage());
    }
  }

  @Property(tries = 1000)
  void forgedHeadersAreRejectedWithoutLargeAllocations(@ForAll("forgeries") Forgery forgery, @ForAll boolean gzip) {
    byte[] content = gzip ? IdxSamples.gzip(forgery.content()) : forgery.content();
    assertRejected(content.length, () -> READER.read(NAME, content, forgery.rank()));
  }

  @Property(tries = 200)
  void askingForAnotherRankIsRejected(
      @ForAll("arrays") IdxArray array, @ForAll @IntRange(min = 1, max = 255) int rank, @ForAll boolean gzip) {
    Assume.that(rank != array.rank());
    byte[] content = encode(array, gzip);
    assertRejected(content.length, () -> READER.read(NAME, content, rank));
  }

  /** A valid file with one header field replaced; {@code toString} says which, for failure reports. */
  record Forgery(String description, byte[] content, int rank) {
    @Override
    public String toString() {
      return description + " (" + content.length + " bytes, rank " + rank + ")";
    }
  }

  @Provide
  Arbitrary<Forgery> forgeries() {
    Arbitrary<Integer> anyByte = Arbitraries.integers().between(0, 255);
    Arbitrary<Integer> field = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    Arbitrary<Forgery> wrongMagic = Combinators.combine(arrays(), Arbitraries.integers().between(0, 1),
            Arbitraries.integers().between(1, 255))
        .as((a, at, value) -> forge(a, "magic byte " + at + " = " + value, c -> c.put(at, value.byteValue())));
    Arbitrary<Forgery> wrongType = Combinators.combine(arrays(), anyByte.filter(t -> t != IdxReader.UNSIGNED_BYTE))
        .as((a, type) -> forge(a, "element type " + type, c -> c.put(2, type.byteValue())));
    Arbitrary<Forgery> wrongRank = Combinators.combine(arrays(), anyByte)
        .as((a, rank) -> rank == a.rank() ? forge(a, "rank 0", c -> c.put(3, (byte) 0))
            : forge(a, "rank " + rank, c -> c.put(3, rank.byteValue())));
    Arbitrary<Long> otherSize = Arbitraries.oneOf(
        Arbitraries.longs().between(0, 0xFFFF_FFFFL),
        Arbitraries.longs().between(1_000_000, 0xFFFF_FFFFL),
        Arbitraries.of(0L, 60_000L, 47_040_000L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL));
    Arbitrary<Forgery> wrongSize = Combinators.combine(arrays(), field, otherSize)
        .as((a, axisSeed, size) -> {
          int axis = axisSeed % a.rank();
          long claimed = size == a.dim(axis) ? size + 1 : size;
          return forge(a, "dimension " + axis + " = " + claimed, c -> c.putInt(4 + 4 * axis, (int) claimed));
        });
    return Arbitraries.oneOf(wrongMagic, wrongType, wrongRank, wrongSize);
  }

  private static Forgery forge(IdxArray array, String description, Consumer<ByteBuffer> edit) {
    byte[] content = IdxWriter.toBytes(array);
    edit.accept(ByteBuffer.wrap(content));
    return new Forgery(description, content, array.rank());
  }
}
