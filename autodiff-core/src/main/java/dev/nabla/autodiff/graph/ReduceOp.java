package dev.nabla.autodiff.graph;

import dev.nabla.autodiff.kernel.ReduceKernels;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Reductions over axes. Each constant holds all of its rules: the loop that computes it (a {@link
 * ReduceKernels.Kind}, given to its constructor), its VJP, whether it reduces along exactly one axis,
 * and its names. Adding a reduction without any of them does not compile.
 */
public enum ReduceOp {
  /** Σ over the axes. Linear: its VJP broadcasts the adjoint back. */
  SUM(ReduceKernels.Kind.SUM, "\\sum") {
    @Override
    void computeInto(Tensor x, int[] axes, double[] out) {
      Arrays.fill(out, 0.0); // the kernel adds into out
      super.computeInto(x, axes, out);
    }

    @Override
    Optional<Expr> vjp(Reduce y, Expr gKeep) {
      return Optional.of(Expand.of(gKeep, y.inputs().get(0)));
    }

    /** {@code \sum\left\|v\right\|^{2}} for a sum of squares over everything, else {@code \sum_{…} x}. */
    @Override
    String latex(Reduce y, Notation n, String under) {
      Expr x = y.inputs().get(0);
      if (y.reducesAll() && x instanceof Power p && p.exponent() == 2) {
        return "\\sum\\left\\|" + n.expr(p.inputs().get(0), 0) + "\\right\\|^{2}";
      }
      return "\\sum" + under + " " + n.arg(0, Notation.POSTFIX);
    }
  },
  /** The largest element; the adjoint goes to the arg-max entries, split equally between ties. */
  MAX(ReduceKernels.Kind.MAX, "\\max") {
    @Override
    Optional<Expr> vjp(Reduce y, Expr gKeep) {
      return Optional.of(toExtremes(y, gKeep));
    }
  },
  /** The smallest element; the adjoint goes to the arg-min entries, split equally between ties. */
  MIN(ReduceKernels.Kind.MIN, "\\min") {
    @Override
    Optional<Expr> vjp(Reduce y, Expr gKeep) {
      return Optional.of(toExtremes(y, gKeep));
    }
  },
  /** The index of the largest element along one axis (the first, on ties), as a double; no gradient. */
  ARGMAX(ReduceKernels.Kind.ARGMAX, "\\operatorname{argmax}") {
    @Override
    Optional<Expr> vjp(Reduce y, Expr gKeep) {
      return Optional.empty();
    }

    @Override
    boolean alongOneAxis() {
      return true;
    }
  },
  /** The index of the smallest element along one axis (the first, on ties), as a double; no gradient. */
  ARGMIN(ReduceKernels.Kind.ARGMIN, "\\operatorname{argmin}") {
    @Override
    Optional<Expr> vjp(Reduce y, Expr gKeep) {
      return Optional.empty();
    }

    @Override
    boolean alongOneAxis() {
      return true;
    }
  };

  private final ReduceKernels.Kind kernel;
  private final String latex;
  private final String text;

  ReduceOp(ReduceKernels.Kind kernel, String latex) {
    this.kernel = kernel;
    this.latex = latex;
    this.text = name().toLowerCase(Locale.ROOT);
  }

  /** The kernel: {@code x} reduced over sorted {@code axes} into {@code out} (arbitrary on entry). */
  void computeInto(Tensor x, int[] axes, double[] out) {
    ReduceKernels.reduce(kernel, x, axes, out);
  }

  /**
   * The adjoint of the reduced input, given the node {@code y} and its adjoint {@code gKeep}, reshaped
   * to keep the reduced axes with size 1 (or a scalar, for a full reduction), so that it broadcasts
   * against the input; empty when it passes no gradient.
   */
  abstract Optional<Expr> vjp(Reduce y, Expr gKeep);

  /** Whether it reduces along exactly one axis (the arg- reductions). */
  boolean alongOneAxis() {
    return false;
  }

  /** The name used in text and error messages ({@code sum}, {@code argmax}). */
  public String text() {
    return text;
  }

  /** In LaTeX, given the subscript for its axes ({@code _{x}}, or empty for a full reduction). */
  String latex(Reduce y, Notation n, String under) {
    return latex + under + "\\left(" + n.arg(0) + "\\right)";
  }

  /** The adjoint of a max or min: to the entries equal to the result, split equally between ties. */
  private static Expr toExtremes(Reduce y, Expr gKeep) {
    Expr x = y.inputs().get(0);
    Expr mask = Binary.of(BinaryOp.EQ, x, Reshape.of(y, gKeep.shape()));
    Expr ties = Reduce.of(SUM, mask, true, y.axes());
    return gKeep.div(ties).mul(mask);
  }
}
