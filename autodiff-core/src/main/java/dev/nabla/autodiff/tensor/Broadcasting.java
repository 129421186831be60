package dev.nabla.autodiff.tensor;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.DoubleBinaryOperator;

/**
 * NumPy-style broadcasting: shapes are aligned at their last axis; along each axis the sizes must be
 * equal or one of them 1 (which is stretched). A missing leading axis counts as 1.
 *
 * <p>For expression shapes with open dimensions ({@link Shape#ANY}): an open dimension broadcasts
 * with 1 or with another open dimension (the two must then agree when values are bound). An open
 * dimension against a fixed size other than 1 is rejected, because the result's shape would depend
 * on the data.
 */
public final class Broadcasting {
  private Broadcasting() {}

  /** The broadcast shape of {@code a} and {@code b}, or an error naming {@code op} and both shapes. */
  public static Shape shape(String op, Shape a, Shape b) {
    checkNotNull(a, "broadcast: a is null");
    checkNotNull(b, "broadcast: b is null");
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      out[i] = outDim(op, a, b, rank, i);
    }
    return Shape.of(out);
  }

  /** The element count of the broadcast shape of two concrete shapes, or the error of {@link #shape}; allocates nothing. */
  private static long size(String op, Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    long size = 1;
    for (int i = 0; i < rank; i++) {
      size *= outDim(op, a, b, rank, i);
    }
    return size;
  }

  /** Axis {@code i} of the broadcast shape of {@code a} and {@code b} (of rank {@code rank}). */
  private static int outDim(String op, Shape a, Shape b, int rank, int i) {
    int da = dimFromEnd(a, rank - 1 - i);
    int db = dimFromEnd(b, rank - 1 - i);
    if (da == db || db == 1) {
      return da;
    } else if (da == 1) {
      return db;
    } else if (da == Shape.ANY || db == Shape.ANY) {
      throw new IllegalArgumentException(String.format(
          "%s: %s and %s — axis %s has an open size against %s; bind a shape or reshape so they agree",
          op, a, b, i, da == Shape.ANY ? db : da));
    } else {
      throw new IllegalArgumentException(String.format(
          "%s: %s and %s cannot be broadcast — sizes %s and %s differ on axis %s", op, a, b, da, db, i));
    }
  }

  private static int dimFromEnd(Shape s, int fromEnd) {
    int axis = s.rank() - 1 - fromEnd;
    return axis >= 0 ? s.dim(axis) : 1;
  }

  /** Applies {@code f} elementwise to {@code a} and {@code b} broadcast against each other. */
  public static Tensor apply(String op, Tensor a, Tensor b, DoubleBinaryOperator f) {
    checkNotNull(a, "broadcast: a is null");
    checkNotNull(b, "broadcast: b is null");
    checkNotNull(f, "broadcast: f is null");
    Shape outShape = shape(op, a.shape(), b.shape());
    double[] out = new double[outShape.size()];
    applyInto(op, a, b, f, out);
    return Tensor.wrap(outShape, out);
  }

  /**
   * Like {@link #apply}, writing into {@code out}, which must have the broadcast shape's size and
   * must not be {@code a}'s or {@code b}'s array. Modified: {@code out}. The common cases (same size,
   * a scalar, or one operand repeating along the other's leading axes, like a bias added to every row)
   * run in loops of their own and allocate nothing.
   */
  public static void applyInto(String op, Tensor a, Tensor b, DoubleBinaryOperator f, double[] out) {
    Shape sa = a.shape();
    Shape sb = b.shape();
    long size = size(op, sa, sb);
    if (out.length != size) {
      throw new IllegalArgumentException(String.format("%s: output buffer holds %s values, %s needs %s", op, out.length,
          shape(op, sa, sb), size));
    }
    double[] x = a.rawData();
    double[] y = b.rawData();
    // an operand with as many elements as the output broadcasts to it without being stretched
    if (x.length == out.length && y.length == out.length) {
      for (int i = 0; i < out.length; i++) {
        out[i] = f.applyAsDouble(x[i], y[i]);
      }
    } else if (y.length == 1 && x.length == out.length) {
      double c = y[0];
      for (int i = 0; i < out.length; i++) {
        out[i] = f.applyAsDouble(x[i], c);
      }
    } else if (x.length == 1 && y.length == out.length) {
      double c = x[0];
      for (int i = 0; i < out.length; i++) {
        out[i] = f.applyAsDouble(c, y[i]);
      }
    } else if (x.length == out.length && isTrailingPart(sb, sa)) {
      for (int o = 0; o < out.length; o += y.length) {
        for (int j = 0; j < y.length; j++) {
          out[o + j] = f.applyAsDouble(x[o + j], y[j]);
        }
      }
    } else if (y.length == out.length && isTrailingPart(sa, sb)) {
      for (int o = 0; o < out.length; o += x.length) {
        for (int j = 0; j < x.length; j++) {
          out[o + j] = f.applyAsDouble(x[j], y[o + j]);
        }
      }
    } else {
      general(shape(op, sa, sb), sa, x, sb, y, out, f);
    }
  }

  /**
   * Whether {@code part}, without its leading 1s, equals the last axes of {@code whole}: then
   * {@code part}'s elements repeat in {@code whole}'s row-major order.
   */
  private static boolean isTrailingPart(Shape part, Shape whole) {
    int lead = 0;
    while (lead < part.rank() && part.dim(lead) == 1) {
      lead++;
    }
    int rank = part.rank() - lead;
    if (rank > whole.rank()) {
      return false;
    }
    for (int i = 1; i <= rank; i++) {
      if (part.dim(part.rank() - i) != whole.dim(whole.rank() - i)) {
        return false;
      }
    }
    return true;
  }

  /** The general case: walks the output with an odometer, the last axis innermost. */
  private static void general(Shape outShape, Shape sa, double[] x, Shape sb, double[] y, double[] out,
      DoubleBinaryOperator f) {
    int rank = outShape.rank();
    int[] dims = outShape.dims();
    int[] stA = broadcastStrides(sa, rank);
    int[] stB = broadcastStrides(sb, rank);
    int[] idx = new int[rank];
    int inner = dims[rank - 1];
    int ia = 0;
    int ib = 0;
    int o = 0;
    int innerA = stA[rank - 1];
    int innerB = stB[rank - 1];
    while (o < out.length) {
      int pa = ia;
      int pb = ib;
      for (int j = 0; j < inner; j++) {
        out[o++] = f.applyAsDouble(x[pa], y[pb]);
        pa += innerA;
        pb += innerB;
      }
      // advance the odometer over the outer axes
      for (int axis = rank - 2; axis >= 0; axis--) {
        idx[axis]++;
        ia += stA[axis];
        ib += stB[axis];
        if (idx[axis] < dims[axis]) {
          break;
        }
        ia -= stA[axis] * dims[axis];
        ib -= stB[axis] * dims[axis];
        idx[axis] = 0;
      }
    }
  }

  /** Strides of {@code s} aligned to {@code rank} axes, 0 along stretched axes. */
  public static int[] broadcastStrides(Shape s, int rank) {
    int[] own = s.strides();
    int[] st = new int[rank];
    int offset = rank - s.rank();
    for (int i = 0; i < s.rank(); i++) {
      st[offset + i] = s.dim(i) == 1 ? 0 : own[i];
    }
    return st;
  }

  /** Copies {@code t} stretched to {@code target}, which it must broadcast to. */
  public static Tensor expand(Tensor t, Shape target) {
    checkNotNull(t, "expand: t is null");
    checkNotNull(target, "expand: target is null");
    checkArgument(shape("expand", t.shape(), target).equals(target), "expand: %s does not broadcast to %s", t.shape(), target);
    if (t.shape().equals(target)) {
      return t;
    }
    return apply("expand", t, Tensor.zeros(target), (p, q) -> p);
  }
}
