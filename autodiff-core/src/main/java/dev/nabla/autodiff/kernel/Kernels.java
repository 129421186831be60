package dev.nabla.autodiff.kernel;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Optional;

/**
 * The loops a plan runs, behind one interface with two implementations chosen once, at start-up: a
 * Vector API one ({@code jdk.incubator.vector}), used when that module is readable, and a scalar one
 * otherwise. Both compute the same functions; they differ only in rounding (the vector kernels use
 * fused multiply-adds and add some terms in another order, which moves results by about 1e-13
 * relative), and each gives the same bits on every run.
 *
 * <p><b>Choosing.</b> {@link #get()} is the implementation chosen at start-up: the vector one when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} (and C2 and vectors of at least 256
 * bits are available), the scalar one otherwise. The system property {@value #PROPERTY} forces the
 * choice: {@code vector} (fails when the module is not readable), {@code scalar}, or {@code auto} (the
 * default). When {@code auto} falls back to the scalar loops it logs one warning, through {@link
 * System.Logger}, saying how to enable the fast path; see {@link KernelChoice}.
 *
 * <p><b>Threads.</b> Kernels are stateless apart from per-thread scratch arrays, so any thread may
 * call them. Large products are split over two cores ({@link #split}); every output element is still
 * computed by one thread in a fixed order, so splitting does not change a result.
 *
 * <p>This is the layer below {@code dev.nabla.autodiff.eval.Plan}: kernels know nothing of
 * expressions, and a user does not call them.
 */
public abstract class Kernels {
  /** The system property that forces an implementation: {@code vector}, {@code scalar} or {@code auto}. */
  public static final String PROPERTY = "nabla.kernels";

  /**
   * Work (multiply-adds) from which {@link #split} uses the second core. Measured on 2 cores: the
   * batch-100 training step (products of 2.35M) gains; batch 10 (235k) stays single-threaded.
   */
  public static final long PARALLEL_WORK = 1_000_000L;

  /** Whether there is a second core to split large work over. */
  private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() >= 2;

  /** The operands of this thread's split product, reused so that a split allocates nothing. */
  private static final ThreadLocal<MatMulTask> TASK = ThreadLocal.withInitial(MatMulTask::new);

  Kernels() {}

  /**
   * The implementation chosen at start-up (see the class comment).
   *
   * @throws IllegalStateException when {@value #PROPERTY} asks for the vector kernels and they cannot
   *     be used, or has a value other than {@code auto}, {@code vector} and {@code scalar}
   */
  public static Kernels get() {
    return KernelChoice.chosen();
  }

  /** The scalar implementation, whatever was chosen (for tests and benchmarks). */
  public static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /** The Vector API implementation, when the JVM can run it (for tests and benchmarks). */
  public static Optional<Kernels> vector() {
    return KernelChoice.vector();
  }

  /** {@code "vector (512-bit)"} or {@code "scalar"}: for logs and benchmark reports. */
  public abstract String name();

  /**
   * Whether copying a bound right operand into the packed layout at every run pays for a product with
   * many rows: for the vector kernels it does (sparse axpys over padded rows, against dot products); the
   * scalar ones keep the user's layout, as before the packed layout existed.
   */
  public abstract boolean packsLargeProducts();

  /**
   * {@code out[m×n] = op(a)·op(b)}, where {@code a} is {@code [m×k]} ({@code [k×m]} when {@code
   * transA}) and {@code b} is {@code [k×n]} ({@code [n×k]} when {@code transB}); {@code out} must be zero
   * on entry. Split over two cores from {@link #PARALLEL_WORK} multiply-adds. Zero terms may be skipped,
   * which is exact for finite values. Modified: {@code out}. Not modified: {@code a}, {@code b}.
   */
  public final void matmul(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB) {
    matmul(a, b, out, m, k, n, transA, transB, PARALLEL && (long) m * k * n >= PARALLEL_WORK);
  }

  /** {@link #matmul}, split over two threads when {@code split} and {@code m ≥ 2}, whatever its size (for tests). */
  final void matmul(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB,
      boolean split) {
    if (split && m >= 2) {
      MatMulTask task = TASK.get().set(this, a, b, out, m, k, n, transA, transB);
      try {
        // two chunks, not eight: the row-major kernels scan B's non-zeros once per call
        if (SplitHelper.instance().run(task, 0, m, (m / 2 + 3) / 4 * 4)) {
          return;
        }
      } finally {
        task.clear();
      }
    }
    matmulRows(a, b, out, m, k, n, transA, transB, 0, m);
  }

  /** Output rows {@code [lo, hi)} of {@link #matmul}. */
  abstract void matmulRows(double[] a, double[] b, double[] out, int m, int k, int n, boolean transA, boolean transB,
      int lo, int hi);

  // ---- packed products: the right operand in the plan's own layout (PackedMatrix) ----

  /**
   * Rows {@code [lo, hi)} of {@code y = act(A·P + bias)}: {@code A} is {@code [m×k]} ({@link Rows}),
   * {@code P} is {@code [k×n]} packed, {@code bias} is {@code [n]} or null, and {@code z}, when not
   * null, receives {@code A·P + bias} before the activation (for a backward pass that needs it). Each
   * output element adds its terms in order of increasing {@code p}, skipping zeros of A (exact for finite
   * values). The activation runs over the row padded to whole vectors, so the vector kernels compute it
   * for every column with their own {@code exp}, the last columns of a width that is not a multiple of
   * the vector length included. Modified: {@code z}, {@code y} (row-major {@code [m×n]}). Not modified: the rest.
   */
  public final void packedProduct(Rows a, PackedMatrix p, double[] bias, Activation act, double[] z, double[] y,
      int lo, int hi) {
    packedProduct(a, p, bias, act, z, y, lo, hi, 0, p.ld());
  }

  /**
   * {@link #packedProduct(Rows, PackedMatrix, double[], Activation, double[], double[], int, int)} for rows
   * {@code [lo, hi)} and the columns {@code [c0, c1)} of P's padded rows: {@code c0} a multiple of {@link
   * PackedMatrix#PAD}, {@code c1} one too or {@link PackedMatrix#ld}. Columns are split between threads this
   * way when P is a weight that the same thread then updates (see {@link #packedOuterUpdate(Rows, double[],
   * int, double, PackedMatrix, int, int, int, int)}), so that each core keeps its part of P in its cache.
   * Every element is computed as the whole product computes it, so a result does not depend on the split.
   */
  public final void packedProduct(Rows a, PackedMatrix p, double[] bias, Activation act, double[] z, double[] y,
      int lo, int hi, int c0, int c1) {
    MatMulKernels.Scratch scratch = MatMulKernels.SCRATCH.get();
    int n = p.cols();
    int ld = p.ld();
    int width = Math.min(c1, n) - c0;
    if (width <= 0) {
      return;
    }
    double[] row = scratch.row(ld);
    double[] paddedBias = null;
    if (bias != null) {
      paddedBias = scratch.bias(ld);
      System.arraycopy(bias, 0, paddedBias, 0, n);
      Arrays.fill(paddedBias, n, ld, 0.0);
    }
    int[] nz = a.isSparse() ? a.cols() : scratch.idx(a.k());
    double[] vals = a.isSparse() ? a.vals() : scratch.vals(a.k());
    for (int i = lo; i < hi; i++) {
      int from = 0;
      int to;
      if (a.isSparse()) {
        from = a.start()[i];
        to = a.start()[i + 1];
      } else {
        to = rowNonZeros(a.dense(), i * a.k(), 0, a.k(), nz, vals);
      }
      productRow(nz, vals, from, to, p.data(), p.offset(), ld, c0, c1, paddedBias, row);
      int o = i * n + c0;
      if (z != null) {
        System.arraycopy(row, c0, z, o, width);
      }
      if (act != Activation.IDENTITY) {
        activate(act, row, c0, row, c0, c1 - c0); // the padded row: whole vectors, no scalar tail
      }
      System.arraycopy(row, c0, y, o, width);
    }
  }

  /**
   * Rows {@code [lo, hi)} of {@code out = G·Pᵀ}: {@code G} is {@code [m×n]} row-major, {@code P} is
   * {@code [k×n]} packed, {@code out} is {@code [m×k]} (the input gradient of a product {@code A·P}).
   * Not as dot products, whose lane sums cost more than the products at a layer's widths, but as axpys
   * over the batch: the rows' G is transposed into scratch, padded to whole vectors, and column q of
   * the output is {@code Σⱼ P[q][j]·Gᵀ[j]} ({@link #productRow} again). Each element adds its terms
   * in order of increasing j. Modified: {@code out}. Not modified: the rest.
   */
  public final void packedTransposedProduct(double[] g, PackedMatrix p, double[] out, int lo, int hi) {
    MatMulKernels.Scratch scratch = MatMulKernels.SCRATCH.get();
    int n = p.cols();
    int k = p.rows();
    int rows = hi - lo;
    int ld = PackedMatrix.paddedLength(rows);
    double[] gt = scratch.transposed(n * ld); // Gᵀ [n × ld], zero past the rows
    for (int j = 0; j < n; j++) {
      Arrays.fill(gt, j * ld + rows, (j + 1) * ld, 0.0);
      for (int i = 0; i < rows; i++) {
        gt[j * ld + i] = g[(lo + i) * n + j];
      }
    }
    int[] iota = scratch.idx(n);
    double[] weights = scratch.vals(n);
    double[] column = scratch.row(ld);
    for (int j = 0; j < n; j++) {
      iota[j] = j;
    }
    double[] data = p.data();
    for (int q = 0; q < k; q++) {
      System.arraycopy(data, p.offset() + q * p.ld(), weights, 0, n);
      productRow(iota, weights, 0, n, gt, 0, ld, 0, ld, null, column);
      for (int i = 0; i < rows; i++) {
        out[(lo + i) * k + q] = column[i];
      }
    }
  }

  /**
   * Rows {@code [pLo, pHi)} of {@code P += α·Aᵀ·G}: {@code A} is {@code [m×k]} ({@link Rows}), {@code
   * G} is {@code [m×n]} row-major, {@code P} is {@code [k×n]} packed. It is the update of a weight
   * whose gradient is {@code AᵀG} fused into the product, one example at a time: the gradient is never
   * stored. Each element of P adds its terms in order of increasing example. Splitting the rows of P
   * between threads does not change a result. Modified: {@code p}. Not modified: the rest.
   */
  public final void packedOuterUpdate(Rows a, double[] g, int m, double alpha, PackedMatrix p, int pLo, int pHi) {
    packedOuterUpdate(a, g, m, alpha, p, pLo, pHi, 0, p.ld());
  }

  /**
   * {@link #packedOuterUpdate(Rows, double[], int, double, PackedMatrix, int, int)} for rows {@code [pLo,
   * pHi)} of P and the columns {@code [c0, c1)} of its padded rows ({@code c0} a multiple of {@link
   * PackedMatrix#PAD}, {@code c1} one too or {@link PackedMatrix#ld}). Splitting the columns between
   * threads does not change a result either, and each thread then writes only its own cache lines of P.
   */
  public final void packedOuterUpdate(Rows a, double[] g, int m, double alpha, PackedMatrix p, int pLo, int pHi,
      int c0, int c1) {
    MatMulKernels.Scratch scratch = MatMulKernels.SCRATCH.get();
    int n = p.cols();
    int end = Math.min(c1, n);
    if (end <= c0) {
      return;
    }
    double[] scaled = scratch.row(p.ld());
    Arrays.fill(scaled, n, p.ld(), 0.0); // the padding, which the loop below leaves alone
    int[] nz = a.isSparse() ? a.cols() : scratch.idx(a.k());
    double[] vals = a.isSparse() ? a.vals() : scratch.vals(a.k());
    boolean allRows = pLo == 0 && pHi == p.rows();
    for (int i = 0; i < m; i++) {
      int from = 0;
      int to;
      if (a.isSparse()) {
        from = allRows ? a.start()[i] : firstAtLeast(nz, a.start()[i], a.start()[i + 1], pLo);
        to = allRows ? a.start()[i + 1] : firstAtLeast(nz, from, a.start()[i + 1], pHi);
      } else {
        to = rowNonZeros(a.dense(), i * a.k(), pLo, pHi, nz, vals);
      }
      if (from == to) {
        continue;
      }
      int o = i * n;
      for (int j = c0; j < end; j++) {
        scaled[j] = alpha * g[o + j];
      }
      updateRows(nz, vals, from, to, scaled, p.data(), p.offset(), p.ld(), c0, c1);
    }
  }

  /** {@code y[yOff, yOff+len) += α·x[xOff, xOff+len)}. Modified: {@code y}. */
  public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int len) {
    for (int j = 0; j < len; j++) {
      y[yOff + j] += alpha * x[xOff + j];
    }
  }

  /**
   * {@code y[yOff + j] = α·x[xOff + j] + β·y[yOff + j]} for {@code j < len}, each element read before it is
   * written, so {@code x} may be {@code y} (a weight decayed while its own value is its gradient). Modified:
   * {@code y}.
   */
  public void axpby(double alpha, double[] x, int xOff, double beta, double[] y, int yOff, int len) {
    for (int j = 0; j < len; j++) {
      y[yOff + j] = alpha * x[xOff + j] + beta * y[yOff + j];
    }
  }

  /** {@code y[off, off+len) *= μ}. Modified: {@code y}. */
  public void scale(double mu, double[] y, int off, int len) {
    for (int j = off; j < off + len; j++) {
      y[j] *= mu;
    }
  }

  /**
   * Rows {@code [lo, hi)} of {@code v = in + bias} (bias of {@code n}, or null), then {@code z = v} (when
   * not null) and {@code y = act(v)}, for row-major {@code [·×n]} arrays; {@code in} may be {@code z} or
   * {@code y}. The sum and the activation are those of the unfused primitives, so the result is the same.
   */
  public void biasActivation(double[] in, int lo, int hi, int n, double[] bias, Activation act, double[] z, double[] y) {
    double[] sums = z != null ? z : y;
    for (int i = lo; i < hi; i++) {
      int o = i * n;
      for (int j = 0; j < n; j++) {
        sums[o + j] = bias == null ? in[o + j] : in[o + j] + bias[j];
      }
      if (act != Activation.IDENTITY || sums != y) {
        activate(act, sums, o, y, o, n);
      }
    }
  }

  /**
   * {@code out[outOff + j] = act(in[inOff + j])} for {@code j < n} ({@code out} may be {@code in}). The
   * scalar kernels compute {@link Activation#apply}; the vector ones compute the sigmoid with their own
   * {@code exp}, within about an ulp of it (and give the same bits on every run).
   */
  public void activate(Activation act, double[] in, int inOff, double[] out, int outOff, int n) {
    for (int j = 0; j < n; j++) {
      out[outOff + j] = act.apply(in[inOff + j]);
    }
  }

  /** {@code out[j] = act.backward(g[j], yOrZ[j])} for {@code j < len}: g times the activation's derivative. */
  public void activationBackward(Activation act, double[] g, double[] yOrZ, double[] out, int len) {
    for (int j = 0; j < len; j++) {
      out[j] = act.backward(g[j], yOrZ[j]);
    }
  }

  /**
   * {@code out[c0, c1) = bias[c0, c1) + Σ_{t ∈ [from, to)} vals[t]·P[cols[t]][c0, c1)}, P's rows {@code ld}
   * apart from {@code pOff}; {@code bias} is padded to {@code ld}, or null for zero; {@code c0} and {@code
   * c1} are multiples of {@link PackedMatrix#PAD} (or {@code c1 = ld}).
   */
  abstract void productRow(int[] cols, double[] vals, int from, int to, double[] p, int pOff, int ld, int c0, int c1,
      double[] bias, double[] out);

  /** {@code P[cols[t]][c0, c1) += vals[t]·g[c0, c1)} for {@code t ∈ [from, to)}, columns as in {@link #productRow}. */
  abstract void updateRows(int[] cols, double[] vals, int from, int to, double[] g, double[] p, int pOff, int ld,
      int c0, int c1);

  /** The first index in {@code [from, to)} whose column is at least {@code col} (columns increase), or {@code to}. */
  private static int firstAtLeast(int[] cols, int from, int to, int col) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cols[mid] < col) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The non-zeros of {@code a[off + lo, off + hi)} as (column, value) pairs from index 0, in increasing
   * column order; their count. Blocks of eight zeros (an image's borders) are skipped after one test of
   * their bits; other blocks are scanned without a data-dependent branch (scattered zeros would make one
   * mispredict). On MNIST's test images this reads the data at about the speed memory delivers it.
   */
  static int rowNonZeros(double[] a, int off, int lo, int hi, int[] cols, double[] vals) {
    int count = 0;
    int j = lo;
    for (; j + 8 <= hi; j += 8) {
      int o = off + j;
      long bits = Double.doubleToRawLongBits(a[o]) | Double.doubleToRawLongBits(a[o + 1])
          | Double.doubleToRawLongBits(a[o + 2]) | Double.doubleToRawLongBits(a[o + 3])
          | Double.doubleToRawLongBits(a[o + 4]) | Double.doubleToRawLongBits(a[o + 5])
          | Double.doubleToRawLongBits(a[o + 6]) | Double.doubleToRawLongBits(a[o + 7]);
      if (bits << 1 != 0) { // some value other than ±0
        count = scanNonZeros(a, off, j, j + 8, cols, vals, count);
      }
    }
    return scanNonZeros(a, off, j, hi, cols, vals, count);
  }

  /** Appends the non-zeros of {@code a[off + lo, off + hi)} from {@code cols[count]}, branch-free; the new count. */
  private static int scanNonZeros(double[] a, int off, int lo, int hi, int[] cols, double[] vals, int count) {
    for (int j = lo; j < hi; j++) {
      double v = a[off + j];
      cols[count] = j;
      vals[count] = v;
      long magnitude = Double.doubleToRawLongBits(v) << 1; // 0 for ±0 only
      count += (int) ((magnitude | -magnitude) >>> 63);
    }
    return count;
  }

  /** Chunks a split range is cut into, so that a helper descheduled on a busy machine delays little. */
  static final int CHUNKS = 8;

  /**
   * Runs {@code task} over {@code [lo, hi)}: on two cores, in {@value #CHUNKS} chunks the two threads
   * take in turn ({@link SplitHelper}), when {@code work} (multiply-adds) reaches {@link #PARALLEL_WORK}
   * and the helper thread is free; on the calling thread otherwise. Either way the result is the same.
   */
  public static void split(RangeTask task, int lo, int hi, long work) {
    if (!(PARALLEL && work >= PARALLEL_WORK && hi - lo >= 2 && SplitHelper.instance().run(task, lo, hi, chunk(hi - lo, 1)))) {
      task.run(lo, hi);
    }
  }

  /**
   * Runs {@code task} over the columns {@code [0, ld)} of a packed matrix's rows (see {@link
   * #packedProduct(Rows, PackedMatrix, double[], Activation, double[], double[], int, int, int, int)}): on
   * two cores, in two parts cut at a multiple of {@link PackedMatrix#PAD}, when {@code work} reaches {@link
   * #PARALLEL_WORK}, the helper thread is free and the rows are at least two pads wide; on the calling
   * thread otherwise. The calling thread computes the first part and the helper the second, call after
   * call (unless the helper is late), so a weight that a step reads and then updates this way stays split
   * between the two cores' caches instead of moving between them.
   */
  public static void splitColumns(RangeTask task, int ld, long work) {
    checkArgument(splitsByColumns(ld), "split by columns: rows of %s columns are split by rows", ld);
    int pads = ld / PackedMatrix.PAD;
    if (!(PARALLEL && work >= PARALLEL_WORK && pads >= 2
        && SplitHelper.instance().run(task, 0, ld, (pads + 1) / 2 * PackedMatrix.PAD))) {
      task.run(0, ld);
    }
  }

  /**
   * The widest padded rows (in doubles) that a weight's product and update split by columns ({@link
   * #splitColumns}); wider ones are split by rows. Each core's part of a row split by columns is then at
   * most one tile of four vectors, which its kernels visit once per non-zero; with wider rows each part is
   * several tiles, each visiting every non-zero again, and a split by rows pays better ([784, 100, 10] at
   * batch 100: 0.143 – 0.148 s per epoch by rows, 0.160 – 0.167 by columns, EpochTiming).
   */
  public static final int COLUMN_SPLIT_WIDTH = 8 * PackedMatrix.PAD;

  /** Whether a weight whose padded rows are {@code ld} wide is split by columns ({@link #COLUMN_SPLIT_WIDTH}). */
  public static boolean splitsByColumns(int ld) {
    return ld <= COLUMN_SPLIT_WIDTH;
  }

  /** The chunk size that cuts {@code n} indices into about {@value #CHUNKS}, a multiple of {@code align}. */
  private static int chunk(int n, int align) {
    int c = (n + CHUNKS - 1) / CHUNKS;
    return (c + align - 1) / align * align;
  }

  /** A product's operands as a {@link RangeTask} over output rows. */
  private static final class MatMulTask implements RangeTask {
    private Kernels kernels;
    private double[] a;
    private double[] b;
    private double[] out;
    private int m;
    private int k;
    private int n;
    private boolean transA;
    private boolean transB;

    MatMulTask set(Kernels kernels, double[] a, double[] b, double[] out, int m, int k, int n, boolean transA,
        boolean transB) {
      this.kernels = kernels;
      this.a = a;
      this.b = b;
      this.out = out;
      this.m = m;
      this.k = k;
      this.n = n;
      this.transA = transA;
      this.transB = transB;
      return this;
    }

    void clear() {
      kernels = null;
      a = null;
      b = null;
      out = null;
    }

    @Override
    public void run(int lo, int hi) {
      kernels.matmulRows(a, b, out, m, k, n, transA, transB, lo, hi);
    }
  }
}
