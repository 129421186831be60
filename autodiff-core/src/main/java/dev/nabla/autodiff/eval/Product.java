package dev.nabla.autodiff.eval;

import dev.nabla.autodiff.kernel.Activation;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.kernel.PackedMatrix;
import dev.nabla.autodiff.kernel.RangeTask;
import dev.nabla.autodiff.kernel.Rows;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;

/**
 * A matrix product with its epilogue fused in: {@code y = act(op(a)·op(b) + bias)}, the pattern of every
 * dense layer, computed in one instruction (the bias and the activation are applied while the output
 * row is hot, and neither the product nor the sum gets a buffer unless something else reads it: a relu's
 * backward pass reads the pre-activation {@code z}, which is then kept). Without bias or activation it
 * is a plain product.
 *
 * <p>The right operand is in one of three layouts:
 * <ul>
 *   <li>{@link Form#ROW_MAJOR}: the user's layout, through {@link Kernels#matmul};
 *   <li>{@link Form#PACKED}: a {@link PackedMatrix} P, for {@code A·P} (the forward product of a layer),
 *       either a training step's own parameter or the bound value packed at the start of the run when
 *       the product is large enough to repay the copy ({@link Program#PACK_ROWS} rows);
 *   <li>{@link Form#PACKED_TRANSPOSED}: {@code G·Pᵀ}, the backward product through that layer.
 * </ul>
 * The packed forms split their rows over two cores when large ({@link Kernels#split}), or P's columns
 * when P is a training step's own weight ({@link Kernels#splitColumns}).
 */
final class Product extends Instruction implements RangeTask {
  enum Form { ROW_MAJOR, PACKED, PACKED_TRANSPOSED }

  private final Kernels kernels;
  private final Form form;
  private final int left;
  private final int right;
  private final boolean transA;
  private final boolean transB;
  private final int m;
  private final int k;
  private final int n;
  private final int bias;
  private final Activation act;
  private final int z;
  private final PackedMatrix packed;
  private final boolean packEachRun;
  private final Rows rows = new Rows();
  private SparseRows source;
  private boolean sourceChecked;
  // this run's arrays, for run(lo, hi)
  private double[] leftData;
  private double[] biasData;
  private double[] zData;
  private double[] yData;

  /**
   * @param m rows of the output; {@code k} the inner dimension; {@code n} the output's columns
   * @param bias the slot of a bias of {@code n} values, or −1
   * @param z the slot that keeps {@code op(a)·op(b) + bias} before the activation, or −1
   * @param packed P for the packed forms (null for {@link Form#ROW_MAJOR})
   * @param packEachRun whether P is filled from the right operand's bound value at every run
   */
  Product(Kernels kernels, Form form, int slot, int left, int right, boolean transA, boolean transB, int m, int k,
      int n, int bias, Activation act, int z, PackedMatrix packed, boolean packEachRun) {
    super(slot, reads(left, right, bias, form, packEachRun));
    this.kernels = kernels;
    this.form = form;
    this.left = left;
    this.right = right;
    this.transA = transA;
    this.transB = transB;
    this.m = m;
    this.k = k;
    this.n = n;
    this.bias = bias;
    this.act = act;
    this.z = z;
    this.packed = packed;
    this.packEachRun = packEachRun;
  }

  private static int[] reads(int left, int right, int bias, Form form, boolean packEachRun) {
    boolean readsRight = form == Form.ROW_MAJOR || packEachRun; // an owned packed parameter is not in the table
    int[] r = new int[1 + (readsRight ? 1 : 0) + (bias >= 0 ? 1 : 0)];
    int i = 0;
    r[i++] = left;
    if (readsRight) {
      r[i++] = right;
    }
    if (bias >= 0) {
      r[i] = bias;
    }
    return r;
  }

  /**
   * Reads the left operand's non-zeros from {@code source} (kept with a data set) instead of scanning it;
   * {@code verify}: check on the first run that they are those of the bound value.
   */
  void readLeftRowsFrom(SparseRows source, boolean verify) {
    this.source = source;
    this.sourceChecked = !verify;
  }

  @Override
  int[] alsoWrites() {
    return z >= 0 ? new int[] {z} : NONE;
  }

  @Override
  void execute(Tensor[] values) {
    leftData = values[left].rawData();
    biasData = bias >= 0 ? values[bias].rawData() : null;
    zData = z >= 0 ? values[z].rawData() : null;
    yData = values[slot].rawData();
    if (form == Form.ROW_MAJOR) {
      double[] out = zData != null ? zData : yData;
      Arrays.fill(out, 0.0);
      kernels.matmul(leftData, values[right].rawData(), out, m, k, n, transA, transB);
      epilogue(0, m);
      return;
    }
    if (packEachRun) {
      packed.copyFrom(values[right].rawData(), transB);
    }
    if (form == Form.PACKED) {
      if (source == null) {
        rows.dense(leftData, k);
      } else {
        source.pointAt(rows, values[left], !sourceChecked);
        sourceChecked = true;
      }
    }
    if (splitsColumns()) {
      Kernels.splitColumns(this, packed.ld(), (long) m * k * n);
    } else {
      Kernels.split(this, 0, m, (long) m * k * n);
    }
  }

  /**
   * Whether the product splits P's columns between the cores rather than the output's rows: when P is a
   * training step's own weight, which its fused update splits the same way, so that each core reads the
   * part of P it wrote ({@link Kernels#splitColumns}), and its rows are not too wide for it ({@link
   * Kernels#splitsByColumns}).
   */
  private boolean splitsColumns() {
    return form == Form.PACKED && !packEachRun && Kernels.splitsByColumns(packed.ld());
  }

  /** Rows {@code [lo, hi)} of the output, or, when {@link #splitsColumns}, columns {@code [lo, hi)} of P. */
  @Override
  public void run(int lo, int hi) {
    if (splitsColumns()) {
      kernels.packedProduct(rows, packed, biasData, act, zData, yData, 0, m, lo, hi);
    } else if (form == Form.PACKED) {
      kernels.packedProduct(rows, packed, biasData, act, zData, yData, lo, hi);
    } else {
      kernels.packedTransposedProduct(leftData, packed, zData != null ? zData : yData, lo, hi);
      epilogue(lo, hi);
    }
  }

  /** Rows [lo, hi) of the bias and activation, after a kernel without them wrote the product. */
  private void epilogue(int lo, int hi) {
    if (biasData != null || act != Activation.IDENTITY) {
      kernels.biasActivation(zData != null ? zData : yData, lo, hi, n, biasData, act, zData, yData);
    }
  }

  @Override
  String describe(Schedule schedule) {
    String product = switch (form) {
      case ROW_MAJOR -> "matmul" + (transA ? "[transA]" : "") + (transB ? "[transB]" : "");
      case PACKED -> "matmul[packed" + (packEachRun ? ", packed each run" : "") + "]";
      case PACKED_TRANSPOSED -> "matmul[packedᵀ]";
    } + " " + name(schedule, left) + " " + name(schedule, right);
    String sum = bias >= 0 ? product + " + " + name(schedule, bias) : product;
    String body = act == Activation.IDENTITY ? sum : act.name().toLowerCase(java.util.Locale.ROOT) + "(" + sum + ")";
    return (bias >= 0 || act != Activation.IDENTITY ? "fused[" + body + "]" : body)
        + (z >= 0 ? "  (keeps %" + z + " = the pre-activation)" : "");
  }
}
