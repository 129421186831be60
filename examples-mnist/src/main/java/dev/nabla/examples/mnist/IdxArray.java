package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * The contents of an IDX file of unsigned bytes: its dimensions (outermost first; the first is the
 * number of records, e.g. images) and its data in row-major order.
 *
 * <p>An MNIST image file is an {@code IdxArray} of dimensions {@code [60000, 28, 28]}; a label file is
 * one of dimensions {@code [60000]}. Instances are immutable: {@link #of} copies what it is given and
 * {@link #toByteArray} copies what it returns. Two arrays are equal when their dimensions and data
 * are; the {@link #source() source} name is not compared.
 *
 * <pre>{@code
 * IdxArray labels = IdxArray.of("labels", new int[] {3}, new byte[] {5, 0, 4});
 * labels.count();        // 3
 * labels.unsigned(0);    // 5
 * }</pre>
 */
public final class IdxArray {
  private final String source;
  private final int[] dims;
  private final byte[] data;

  private IdxArray(String source, int[] dims, byte[] data) {
    this.source = source;
    this.dims = dims;
    this.data = data;
  }

  /**
   * An array with the given dimensions (each positive) holding a copy of {@code data}, whose length
   * must be the product of the dimensions. {@code source} names it in messages.
   */
  public static IdxArray of(String source, int[] dims, byte[] data) {
    checkNotNull(source, "source");
    checkNotNull(dims, "dims");
    checkNotNull(data, "data");
    checkArgument(dims.length >= 1 && dims.length <= 255,
        "%s: an IDX array has 1 to 255 dimensions, got %s", source, dims.length);
    long size = 1;
    for (int i = 0; i < dims.length; i++) {
      checkArgument(dims[i] > 0, "%s: dimension %s is %s; dimensions must be positive", source, i, dims[i]);
      size *= dims[i];
      checkArgument(size <= data.length,
          "%s: dimensions %s need more than the %s bytes given", source, Arrays.toString(dims), data.length);
    }
    checkArgument(size == data.length,
        "%s: dimensions %s need %s bytes, got %s", source, Arrays.toString(dims), size, data.length);
    return new IdxArray(source, dims.clone(), data.clone());
  }

  /** Takes ownership of arrays the reader has already validated; no copies. */
  static IdxArray wrap(String source, int[] dims, byte[] data) {
    return new IdxArray(source, dims, data);
  }

  /** The file name or path this array was read from (or the name given to {@link #of}). */
  public String source() {
    return source;
  }

  /** The number of dimensions (3 for MNIST images, 1 for labels). */
  public int rank() {
    return dims.length;
  }

  /** A copy of the dimensions, outermost first. */
  public int[] dims() {
    return dims.clone();
  }

  /** Dimension {@code axis}. */
  public int dim(int axis) {
    checkElementIndex(axis, dims.length, "axis");
    return dims[axis];
  }

  /** The number of records: the first dimension. */
  public int count() {
    return dims[0];
  }

  /** The number of bytes in one record: the product of all dimensions but the first (784 for MNIST images). */
  public int recordSize() {
    return data.length / dims[0];
  }

  /** The number of bytes of data. */
  public int size() {
    return data.length;
  }

  /** The byte at row-major position {@code index}, as an unsigned value in {@code [0, 255]}. */
  public int unsigned(int index) {
    checkElementIndex(index, data.length, "index");
    return data[index] & 0xFF;
  }

  /** A copy of the data, row-major. */
  public byte[] toByteArray() {
    return data.clone();
  }

  /** The data itself, not copied: for readers in this package that promise not to write to it. */
  byte[] rawBytes() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdxArray a && Arrays.equals(dims, a.dims) && Arrays.equals(data, a.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
  }

  /** For example {@code train-images-idx3-ubyte: unsigned bytes [60000, 28, 28]}. */
  @Override
  public String toString() {
    return source + ": unsigned bytes " + Arrays.toString(dims);
  }
}
