package dev.nabla.autodiff.kernel;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.management.ManagementFactory;

/**
 * A matrix in the layout the packed kernels want, owned by a plan: the right operand {@code P [k×n]} of a
 * product {@code A·P}, stored row by row ("input-major": the weights of one input are one row) with each
 * row padded with zeros to {@link #ld} (a multiple of {@link #PAD} doubles, so a row is whole vectors) and,
 * where the JVM allows it, every row starting on a 64-byte boundary. Element {@code (p, j)} is {@code
 * data[offset + p·ld + j]}; the padding stays zero.
 *
 * <p><b>Alignment.</b> A {@code double[]}'s elements start 16 bytes past the object's start, and HotSpot
 * aligns objects to 8 bytes by default, so a 64-byte vector load from an arbitrary row usually straddles
 * two cache lines; aligned rows made a training step about 1.6× faster in a stand-alone probe. A library
 * cannot place an array on the heap, nor ask for its address without {@code sun.misc.Unsafe} (which JDK 24
 * and later warn about), and the garbage collector moves arrays. What it can do is read the JVM's object
 * alignment ({@code -XX:ObjectAlignmentInBytes}, through the standard {@code HotSpotDiagnosticMXBean}):
 * when it is 64 or more, every array starts on a 64-byte boundary wherever the collector moves it, and an
 * offset of {@code (64 − 16) / 8 = 6} elements puts element 0, and with it every row, on one. Otherwise
 * the offset is 0 and rows are padded but not aligned. So alignment is the user's choice of one JVM
 * flag (the {@code ./mnist} launcher passes it); correctness never depends on it.
 */
public final class PackedMatrix {
  /** Rows are padded to a multiple of this many doubles (64 bytes: one AVX-512 vector, two AVX2 ones). */
  public static final int PAD = 8;

  /** The element offset that puts element 0 on a 64-byte boundary, or 0 when the JVM cannot promise one. */
  static final int ALIGNED_OFFSET = alignedOffset();

  private final double[] data;
  private final int offset;
  private final int rows;
  private final int cols;
  private final int ld;

  private PackedMatrix(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    this.ld = paddedLength(cols);
    this.offset = ALIGNED_OFFSET;
    this.data = new double[offset + rows * ld];
  }

  /** A zero {@code [rows×cols]} matrix in the packed layout. */
  public static PackedMatrix zeros(int rows, int cols) {
    checkArgument(rows >= 1 && cols >= 1, "packed matrix: %s x %s must have at least one row and column", rows, cols);
    return new PackedMatrix(rows, cols);
  }

  /** {@code n} rounded up to a multiple of {@link #PAD}. */
  public static int paddedLength(int n) {
    return (n + PAD - 1) / PAD * PAD;
  }

  /** Whether rows start on 64-byte boundaries in this JVM ({@code -XX:ObjectAlignmentInBytes=64} or more). */
  public static boolean rowsAligned() {
    return ALIGNED_OFFSET != 0;
  }

  /** The array holding the elements. */
  public double[] data() {
    return data;
  }

  /** The index of element (0, 0) in {@link #data}. */
  public int offset() {
    return offset;
  }

  /** k, the number of rows. */
  public int rows() {
    return rows;
  }

  /** n, the number of columns that hold values. */
  public int cols() {
    return cols;
  }

  /** The distance between rows: {@link #cols} padded to a multiple of {@link #PAD}. */
  public int ld() {
    return ld;
  }

  /**
   * Copies a row-major matrix in: {@code m} is {@code [rows×cols]}, or {@code [cols×rows]} when {@code
   * transposed} (then this holds its transpose). The padding is left zero.
   */
  public void copyFrom(double[] m, boolean transposed) {
    checkSize(m);
    for (int p = 0; p < rows; p++) {
      int row = offset + p * ld;
      for (int j = 0; j < cols; j++) {
        data[row + j] = transposed ? m[j * rows + p] : m[p * cols + j];
      }
    }
  }

  /** Copies the values out into a row-major matrix: {@code [rows×cols]}, or its transpose when {@code transposed}. */
  public void copyTo(double[] m, boolean transposed) {
    checkSize(m);
    for (int p = 0; p < rows; p++) {
      int row = offset + p * ld;
      for (int j = 0; j < cols; j++) {
        m[transposed ? j * rows + p : p * cols + j] = data[row + j];
      }
    }
  }

  /** Not checkArgument: a plan packs at every run, and three int arguments would be boxed each time. */
  private void checkSize(double[] m) {
    if (m.length != rows * cols) {
      throw new IllegalArgumentException("packed matrix: " + m.length + " values for a " + rows + " x " + cols + " matrix");
    }
  }

  /** Copies {@code other}'s values (same dimensions) into this one. */
  public void copyFrom(PackedMatrix other) {
    checkArgument(other.rows == rows && other.cols == cols, "packed matrix: %s x %s into %s x %s", other.rows,
        other.cols, rows, cols);
    System.arraycopy(other.data, other.offset, data, offset, rows * ld);
  }

  private static int alignedOffset() {
    try {
      var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      int alignment = Integer.parseInt(hotspot.getVMOption("ObjectAlignmentInBytes").getValue());
      // element 0 of a double[] sits 16 bytes into the object (24 without compressed class pointers)
      int base = Boolean.parseBoolean(hotspot.getVMOption("UseCompressedClassPointers").getValue()) ? 16 : 24;
      return alignment >= 64 ? (64 - base) / Double.BYTES : 0;
    } catch (RuntimeException | LinkageError e) { // not HotSpot, no jdk.management module, or no such option
      return 0;
    }
  }
}
