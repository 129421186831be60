package dev.nabla.autodiff.eval;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.kernel.RangeTask;
import dev.nabla.autodiff.kernel.Rows;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;

/**
 * The non-zero entries of a matrix's rows, kept with the data so that training does not look for them
 * on every step. MNIST images are about 81% exact zeros: a layer's product and its weight update visit
 * only the non-zeros of each input row, and finding them costs a pass over the whole row. Index the
 * data set once, then gather each batch's rows from it as the batch's values are gathered:
 *
 * <pre>{@code
 * SparseRows images = SparseRows.of(data.inputs());          // once: [N, 784]
 * SparseRows batch = SparseRows.empty(784);                   // once, refilled for every batch
 * TrainingStep step = TrainingStep.builder(cost, initial).learningRate(3.0).sparseInput(x, batch).build();
 * // each step: gather the batch's rows, and copy their values into the tensor bound to x only if
 * // step.readsValuesOf(x) (for a plain network it is false: the layer reads the rows from here)
 * batch.gather(images, order, from, to);
 * double c = step.run(Bindings.of(x, batchTensor, y, batchTargets));
 * }</pre>
 *
 * A step that reads its input's non-zeros from here checks on every run that the row counts agree with
 * the tensor bound to the variable, and, when it also reads that tensor's values, on its first run with a
 * given batch size that they are its non-zeros; after that it trusts the caller to gather the rows it
 * binds. When a step reads the input only through these rows ({@link TrainingStep#readsValuesOf} is
 * false), the bound tensor's values need not be filled at all. Growing arrays once, {@link #gather} then
 * allocates nothing.
 */
public final class SparseRows {
  private final int cols;
  private int rows;
  private int[] start = {0};
  private int[] index = new int[0];
  private double[] values = new double[0];

  private SparseRows(int cols) {
    this.cols = cols;
  }

  /**
   * The non-zeros of every row of {@code matrix} ({@code [N, d]}, or {@code [N, …]} with each example's
   * values taken as one row).
   */
  public static SparseRows of(Tensor matrix) {
    checkNotNull(matrix, "matrix");
    checkArgument(matrix.shape().rank() >= 1 && matrix.shape().dim(0) >= 1,
        "sparse rows: a tensor of shape %s has no rows", matrix.shape());
    int n = matrix.shape().dim(0);
    int d = matrix.size() / n;
    double[] data = matrix.rawData();
    int count = 0;
    for (double v : data) {
      count += v != 0 ? 1 : 0;
    }
    SparseRows r = new SparseRows(d);
    r.grow(n, count);
    int t = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = data[i * d + j];
        if (v != 0) {
          r.index[t] = j;
          r.values[t++] = v;
        }
      }
      r.start[i + 1] = t;
    }
    r.rows = n;
    return r;
  }

  /** No rows yet, of {@code cols} values each: a buffer for {@link #gather}. */
  public static SparseRows empty(int cols) {
    checkArgument(cols >= 1, "sparse rows: %s columns", cols);
    return new SparseRows(cols);
  }

  /**
   * Makes this hold rows {@code order[from], …, order[to − 1]} of {@code source}, in that order.
   *
   * @throws IllegalArgumentException when the rows are not as long as this one's, or an index is out of range
   */
  public void gather(SparseRows source, int[] order, int from, int to) {
    // plain ifs, not checkArgument: three int arguments would be boxed on every batch
    if (source.cols != cols) {
      throw new IllegalArgumentException("sparse rows: gathering rows of " + source.cols + " values into rows of " + cols);
    }
    if (from < 0 || from > to || to > order.length) {
      throw new IllegalArgumentException("sparse rows: range [" + from + ", " + to + ") of " + order.length + " indices");
    }
    int count = 0;
    for (int r = from; r < to; r++) {
      int i = order[r];
      if (i < 0 || i >= source.rows) {
        throw new IllegalArgumentException("sparse rows: row " + i + " of " + source.rows);
      }
      count += source.start[i + 1] - source.start[i];
    }
    grow(to - from, count);
    int t = 0;
    for (int r = from; r < to; r++) {
      int i = order[r];
      t += source.start[i + 1] - source.start[i];
      start[r - from + 1] = t;
    }
    copier.source = source;
    copier.order = order;
    copier.from = from;
    Kernels.split(copier, 0, to - from, count >= PARALLEL_ENTRIES ? Kernels.PARALLEL_WORK : 0);
    copier.source = null;
    copier.order = null;
    rows = to - from;
  }

  /**
   * Entries from which a gather copies its rows on two cores ({@link Kernels#split}): the rows of a large
   * data set lie far apart in memory, and a second core fetches them at the same time as the first. At
   * batch 100 of MNIST (about 15,000 entries) a gather copies 180 KB; batch 10 stays on one thread.
   */
  static final int PARALLEL_ENTRIES = 8192;

  /** The rows a gather copies, for {@link Kernels#split}; reused, so that a gather allocates nothing. */
  private final Copier copier = new Copier();

  /** Copies rows [lo, hi) of a gather, into the places {@link #start} gives them. */
  private final class Copier implements RangeTask {
    private SparseRows source;
    private int[] order;
    private int from;

    @Override
    public void run(int lo, int hi) {
      for (int r = lo; r < hi; r++) {
        int i = order[from + r];
        int len = source.start[i + 1] - source.start[i];
        System.arraycopy(source.index, source.start[i], index, start[r], len);
        System.arraycopy(source.values, source.start[i], values, start[r], len);
      }
    }
  }

  private void grow(int rowCount, int nonZeros) {
    if (start.length < rowCount + 1) {
      start = Arrays.copyOf(start, Math.max(rowCount + 1, 2 * start.length));
    }
    if (index.length < nonZeros) {
      index = new int[Math.max(nonZeros, 2 * index.length)];
      values = new double[index.length];
    }
  }

  /** The number of rows. */
  public int rows() {
    return rows;
  }

  /** The number of values in a row. */
  public int cols() {
    return cols;
  }

  /** The number of non-zero entries. */
  public int nonZeros() {
    return start[rows];
  }

  /** The rows as a dense {@code [rows, cols]} tensor (a new one). */
  public Tensor toTensor() {
    double[] d = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int t = start[i]; t < start[i + 1]; t++) {
        d[i * cols + index[t]] = values[t];
      }
    }
    return Tensor.wrap(dev.nabla.autodiff.tensor.Shape.of(rows, cols), d);
  }

  /** Whether these are exactly the non-zeros of {@code t}'s rows (an O(size) check). */
  public boolean matches(Tensor t) {
    if (t.shape().rank() < 1 || t.shape().dim(0) != rows || t.size() != rows * cols) {
      return false;
    }
    double[] data = t.rawData();
    int count = 0;
    for (int i = 0; i < rows; i++) {
      int at = start[i];
      for (int j = 0; j < cols; j++) {
        double v = data[i * cols + j];
        if (v != 0) {
          if (at >= start[i + 1] || index[at] != j || Double.doubleToRawLongBits(values[at]) != Double.doubleToRawLongBits(v)) {
            return false;
          }
          at++;
          count++;
        }
      }
      if (at != start[i + 1]) {
        return false;
      }
    }
    return count == nonZeros();
  }

  /**
   * Points {@code r} at these rows for a kernel, after checking they describe {@code bound} (fully when
   * {@code verify}, by row count otherwise).
   *
   * @throws IllegalStateException naming the shapes when they do not
   */
  void pointAt(Rows r, Tensor bound, boolean verify) {
    if (bound.shape().dim(0) != rows || bound.size() != rows * cols) {
      throw new IllegalStateException("the sparse rows given for this input hold " + rows + " rows of " + cols
          + " values, but the tensor bound to it has shape " + bound.shape() + ": gather the rows you bind");
    }
    if (verify && !matches(bound)) {
      throw new IllegalStateException("the sparse rows given for this input are not the non-zeros of the tensor "
          + "bound to it (shape " + bound.shape() + "): gather the same rows into both");
    }
    r.sparse(start, index, values);
  }
}
