package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A permutation of axes: output axis {@code i} is input axis {@code perm[i]}. The default reverses all
 * axes (the matrix transpose for rank 2). Linear; its VJP is the inverse permutation.
 */
public final class Transpose extends Expr {
  private final int[] perm;

  private Transpose(Expr x, int[] perm, Shape shape) {
    super(shape, List.of(x));
    this.perm = perm;
  }

  /** {@code x} with its axes permuted by {@code perm}; a rank-0 or rank-1 input is returned as it is. */
  public static Expr of(Expr x, int... perm) {
    checkNotNull(x, "transpose: x is null");
    checkNotNull(perm, "transpose: perm is null");
    int rank = x.shape().rank();
    checkArgument(perm.length == rank, "transpose: permutation %s has %s axes, input %s has %s",
        Arrays.toString(perm), perm.length, x.shape(), rank);
    boolean[] seen = new boolean[rank];
    int[] dims = new int[rank];
    boolean identity = true;
    for (int i = 0; i < rank; i++) {
      checkArgument(perm[i] >= 0 && perm[i] < rank && !seen[perm[i]],
          "transpose: %s is not a permutation of the axes of %s", Arrays.toString(perm), x.shape());
      seen[perm[i]] = true;
      dims[i] = x.shape().dim(perm[i]);
      identity &= perm[i] == i;
    }
    if (identity) {
      return x;
    }
    if (x instanceof Transpose t) {
      int[] composed = new int[rank];
      for (int i = 0; i < rank; i++) {
        composed[i] = t.perm[perm[i]];
      }
      return of(t.inputs().get(0), composed);
    }
    Transpose node = new Transpose(x, perm.clone(), Shape.of(dims));
    return x instanceof Constant c && c.foldable() ? Constant.of(node.evaluate(List.of(c.value()))) : node;
  }

  /** {@code x} with its axes reversed (for a matrix, its transpose {@code xᵀ}). */
  public static Expr reverse(Expr x) {
    checkNotNull(x, "transpose: x is null");
    int rank = x.shape().rank();
    int[] perm = new int[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = rank - 1 - i;
    }
    return of(x, perm);
  }

  /** The permutation. */
  public int[] permutation() {
    return perm.clone();
  }

  @Override
  public String opName() {
    return "transpose" + Arrays.toString(perm);
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    int[] dims = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      dims[i] = in.get(0).dim(perm[i]);
    }
    return Shape.of(dims);
  }

  /** An odometer over the output, reading the input through permuted strides. */
  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    Tensor x = in.get(0);
    int rank = perm.length;
    int[] inDims = x.shape().dims();
    int[] inStrides = x.shape().strides();
    int[] outDims = new int[rank];
    int[] step = new int[rank];
    for (int i = 0; i < rank; i++) {
      outDims[i] = inDims[perm[i]];
      step[i] = inStrides[perm[i]];
    }
    double[] src = x.rawData();
    int[] idx = new int[rank];
    int from = 0;
    for (int o = 0; o < out.length; o++) {
      out[o] = src[from];
      for (int axis = rank - 1; axis >= 0; axis--) {
        idx[axis]++;
        from += step[axis];
        if (idx[axis] < outDims[axis]) {
          break;
        }
        from -= step[axis] * outDims[axis];
        idx[axis] = 0;
      }
    }
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    int[] inverse = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inverse[perm[i]] = i;
    }
    return List.of(Optional.of(of(g, inverse)));
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(newInputs.get(0), perm);
  }

  @Override
  public Object parameters() {
    return Arrays.stream(perm).boxed().toList();
  }

  @Override
  public int precedence() {
    return perm.length == 2 ? Notation.POSTFIX : Notation.ATOM;
  }

  @Override
  public String render(Notation n) {
    if (perm.length == 2) {
      return n.arg(0, Notation.ATOM) + (n.latex() ? "^{T}" : "ᵀ");
    }
    return (n.latex() ? "\\operatorname{transpose}\\left(" : "transpose(") + n.arg(0) + ", " + Arrays.toString(perm)
        + (n.latex() ? "\\right)" : ")");
  }
}
