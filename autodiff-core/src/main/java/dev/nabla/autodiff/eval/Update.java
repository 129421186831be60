package dev.nabla.autodiff.eval;

import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.kernel.PackedMatrix;
import dev.nabla.autodiff.kernel.RangeTask;
import dev.nabla.autodiff.kernel.Rows;
import dev.nabla.autodiff.tensor.Tensor;

/**
 * The update of one parameter at the end of a training step, written into the parameter's own buffer
 * (the step owns it: a donated buffer, as in JAX's {@code donate_argnums}). With momentum the velocity
 * is updated first, {@code u → μu − η(∇C + λv)}, then {@code v → v + u}; without, {@code v → (1 − ηλ)v −
 * η∇C}. λ is the parameter's weight decay (0 for none): the gradient of the term ½λ‖v‖² added to the
 * cost. η and μ are the rule's at the time of the update, so a schedule may change η between steps.
 */
abstract class Update {
  final Kernels kernels;
  /** λ, the weight decay of this parameter. */
  final double decay;

  Update(Kernels kernels, double decay) {
    this.kernels = kernels;
    this.decay = decay;
  }

  /** Applies the update from the values the step's program computed, with {@code rule}'s η and μ. */
  abstract void apply(Tensor[] values, UpdateRule rule);

  /** The slots of the program's values that {@link #apply} reads. */
  abstract int[] reads();

  /**
   * The part of a packed parameter's update that does not depend on the gradient, before the gradient is
   * added into {@code velocity} (with momentum) or into {@code p} itself: {@code u → μu − ηλp}, or {@code p
   * → (1 − ηλ)p}. The padding of both stays zero.
   */
  final void beforeGradient(PackedMatrix p, PackedMatrix velocity, UpdateRule rule) {
    int len = p.rows() * p.ld();
    double eta = rule.learningRate();
    if (velocity != null) {
      kernels.scale(rule.momentum(), velocity.data(), velocity.offset(), len);
      if (decay != 0) {
        kernels.axpy(-eta * decay, p.data(), p.offset(), velocity.data(), velocity.offset(), len);
      }
    } else if (decay != 0) {
      kernels.scale(1 - eta * decay, p.data(), p.offset(), len);
    }
  }

  /** With momentum, the last part of a packed parameter's update: {@code p → p + u}. */
  final void afterGradient(PackedMatrix p, PackedMatrix velocity) {
    if (velocity != null) {
      kernels.axpy(1, velocity.data(), velocity.offset(), p.data(), p.offset(), p.rows() * p.ld());
    }
  }

  /**
   * A weight whose gradient is the product {@code Aᵀ·G}, fused into the update: {@code P += −η·AᵀG}
   * example by example ({@link Kernels#packedOuterUpdate}), so the gradient is never stored. The columns
   * of P are split over two cores when the product is large ({@link Kernels#splitColumns}), or its rows
   * when they are too wide for that ({@link Kernels#splitsByColumns}).
   */
  static final class Fused extends Update implements RangeTask {
    private final PackedMatrix p;
    private final PackedMatrix velocity;
    private final int a;
    private final int g;
    private final int m;
    private final SparseRows sparse;
    private final boolean byColumns;
    private final Rows rows = new Rows();
    private boolean sparseChecked;
    // this update's operands, for run(lo, hi)
    private double[] gData;
    private PackedMatrix target;
    private double alpha;

    /**
     * @param a the slot of A [m×k], {@code g} of G [m×n]; {@code sparse} A's non-zeros when kept with the
     *     data, else null (then A's rows are scanned); {@code verify}: check on the first run that they are
     *     those of A's bound value
     */
    Fused(Kernels kernels, double decay, PackedMatrix p, PackedMatrix velocity, int a, int g, int m, SparseRows sparse,
        boolean verify) {
      super(kernels, decay);
      this.p = p;
      this.velocity = velocity;
      this.a = a;
      this.g = g;
      this.m = m;
      this.sparse = sparse;
      this.sparseChecked = !verify;
      this.byColumns = Kernels.splitsByColumns(p.ld());
    }

    @Override
    void apply(Tensor[] values, UpdateRule rule) {
      if (sparse != null) {
        sparse.pointAt(rows, values[a], !sparseChecked);
        sparseChecked = true;
      } else {
        rows.dense(values[a].rawData(), p.rows());
      }
      gData = values[g].rawData();
      target = velocity != null ? velocity : p;
      alpha = -rule.learningRate();
      beforeGradient(p, velocity, rule);
      int k = p.rows();
      long work = (long) m * k * p.cols();
      if (byColumns) {
        Kernels.splitColumns(this, p.ld(), work);
      } else {
        Kernels.split(this, 0, k, work);
      }
      afterGradient(p, velocity);
    }

    /**
     * Columns {@code [lo, hi)} of every row of P, as the forward product through P splits them; or, for
     * rows too wide for that ({@link Kernels#splitsByColumns}), rows {@code [lo, hi)} of P.
     */
    @Override
    public void run(int lo, int hi) {
      if (byColumns) {
        kernels.packedOuterUpdate(rows, gData, m, alpha, target, 0, p.rows(), lo, hi);
      } else {
        kernels.packedOuterUpdate(rows, gData, m, alpha, target, lo, hi);
      }
    }

    @Override
    int[] reads() {
      return new int[] {a, g};
    }
  }

  /** A parameter in the user's layout, updated from its gradient's buffer (which may be the parameter's own). */
  static final class Plain extends Update {
    private final double[] v;
    private final double[] velocity;
    private final int g;

    Plain(Kernels kernels, double decay, double[] v, double[] velocity, int g) {
      super(kernels, decay);
      this.v = v;
      this.velocity = velocity;
      this.g = g;
    }

    @Override
    void apply(Tensor[] values, UpdateRule rule) {
      double[] grad = values[g].rawData();
      double eta = rule.learningRate();
      if (velocity == null) {
        // one pass, each element read before it is written: grad may be v itself (C = ½‖v‖², say)
        kernels.axpby(-eta, grad, 0, 1 - eta * decay, v, 0, v.length);
      } else {
        kernels.scale(rule.momentum(), velocity, 0, velocity.length);
        kernels.axpy(-eta, grad, 0, velocity, 0, velocity.length);
        if (decay != 0) {
          kernels.axpy(-eta * decay, v, 0, velocity, 0, velocity.length);
        }
        kernels.axpy(1, velocity, 0, v, 0, v.length);
      }
    }

    @Override
    int[] reads() {
      return new int[] {g};
    }
  }

  /** A packed parameter whose gradient was computed in the user's layout (when gradients are kept). */
  static final class Unpacked extends Update {
    private final PackedMatrix p;
    private final PackedMatrix velocity;
    private final boolean transposed;
    private final int g;

    Unpacked(Kernels kernels, double decay, PackedMatrix p, PackedMatrix velocity, boolean transposed, int g) {
      super(kernels, decay);
      this.p = p;
      this.velocity = velocity;
      this.transposed = transposed;
      this.g = g;
    }

    @Override
    void apply(Tensor[] values, UpdateRule rule) {
      double[] grad = values[g].rawData();
      PackedMatrix target = velocity != null ? velocity : p;
      beforeGradient(p, velocity, rule);
      double eta = rule.learningRate();
      int k = p.rows();
      int n = p.cols();
      double[] t = target.data();
      for (int q = 0; q < k; q++) {
        int row = target.offset() + q * target.ld();
        for (int j = 0; j < n; j++) {
          t[row + j] += -eta * grad[transposed ? j * k + q : q * n + j];
        }
      }
      afterGradient(p, velocity);
    }

    @Override
    int[] reads() {
      return new int[] {g};
    }
  }
}
