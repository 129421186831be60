package dev.nabla.autodiff.eval;

import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.kernel.PackedMatrix;
import dev.nabla.autodiff.kernel.RangeTask;
import dev.nabla.autodiff.kernel.Rows;
import dev.nabla.autodiff.tensor.Tensor;

/**
 * The update of one parameter at the end of a training step, written into the parameter's own buffer
 * (the step owns it: a donated buffer, as in JAX's {@code donate_argnums}). With momentum the velocity
 * is updated first, {@code u → μu − η∇C}, then {@code v → v + u}; without, {@code v → v − η∇C}.
 */
abstract class Update {
  final Kernels kernels;
  final UpdateRule rule;

  Update(Kernels kernels, UpdateRule rule) {
    this.kernels = kernels;
    this.rule = rule;
  }

  /** Applies the update from the values the step's program computed. */
  abstract void apply(Tensor[] values);

  /**
   * A weight whose gradient is the product {@code Aᵀ·G}, fused into the update: {@code P += −η·AᵀG}
   * example by example ({@link Kernels#packedOuterUpdate}), so the gradient is never stored. The rows of
   * P are split over two cores when the product is large.
   */
  static final class Fused extends Update implements RangeTask {
    private final PackedMatrix p;
    private final PackedMatrix velocity;
    private final int a;
    private final int g;
    private final int m;
    private final SparseRows sparse;
    private final Rows rows = new Rows();
    private boolean sparseChecked;
    private double[] gData;
    private PackedMatrix target;

    /**
     * @param a the slot of A [m×k], {@code g} of G [m×n]; {@code sparse} A's non-zeros when kept with the
     *     data, else null (then A's rows are scanned); {@code verify}: check on the first run that they are
     *     those of A's bound value
     */
    Fused(Kernels kernels, UpdateRule rule, PackedMatrix p, PackedMatrix velocity, int a, int g, int m, SparseRows sparse,
        boolean verify) {
      super(kernels, rule);
      this.p = p;
      this.velocity = velocity;
      this.a = a;
      this.g = g;
      this.m = m;
      this.sparse = sparse;
      this.sparseChecked = !verify;
    }

    @Override
    void apply(Tensor[] values) {
      if (sparse != null) {
        sparse.pointAt(rows, values[a], !sparseChecked);
        sparseChecked = true;
      } else {
        rows.dense(values[a].rawData(), p.rows());
      }
      gData = values[g].rawData();
      target = velocity != null ? velocity : p;
      if (velocity != null) {
        kernels.scale(rule.momentum(), velocity.data(), velocity.offset(), velocity.rows() * velocity.ld());
      }
      int k = p.rows();
      Kernels.split(this, 0, k, (long) m * k * p.cols());
      if (velocity != null) {
        kernels.axpy(1, velocity.data(), velocity.offset(), p.data(), p.offset(), p.rows() * p.ld());
      }
    }

    @Override
    public void run(int lo, int hi) {
      kernels.packedOuterUpdate(rows, gData, m, -rule.learningRate(), target, lo, hi);
    }
  }

  /** A parameter in the user's layout, updated from its gradient's buffer. */
  static final class Plain extends Update {
    private final double[] v;
    private final double[] velocity;
    private final int g;

    Plain(Kernels kernels, UpdateRule rule, double[] v, double[] velocity, int g) {
      super(kernels, rule);
      this.v = v;
      this.velocity = velocity;
      this.g = g;
    }

    @Override
    void apply(Tensor[] values) {
      double[] grad = values[g].rawData();
      if (velocity == null) {
        kernels.axpy(-rule.learningRate(), grad, 0, v, 0, v.length);
      } else {
        kernels.scale(rule.momentum(), velocity, 0, velocity.length);
        kernels.axpy(-rule.learningRate(), grad, 0, velocity, 0, velocity.length);
        kernels.axpy(1, velocity, 0, v, 0, v.length);
      }
    }
  }

  /** A packed parameter whose gradient was computed in the user's layout (when gradients are kept). */
  static final class Unpacked extends Update {
    private final PackedMatrix p;
    private final PackedMatrix velocity;
    private final boolean transposed;
    private final int g;

    Unpacked(Kernels kernels, UpdateRule rule, PackedMatrix p, PackedMatrix velocity, boolean transposed, int g) {
      super(kernels, rule);
      this.p = p;
      this.velocity = velocity;
      this.transposed = transposed;
      this.g = g;
    }

    @Override
    void apply(Tensor[] values) {
      double[] grad = values[g].rawData();
      PackedMatrix target = velocity != null ? velocity : p;
      if (velocity != null) {
        kernels.scale(rule.momentum(), velocity.data(), velocity.offset(), velocity.rows() * velocity.ld());
      }
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
      if (velocity != null) {
        kernels.axpy(1, velocity.data(), velocity.offset(), p.data(), p.offset(), p.rows() * p.ld());
      }
    }
  }
}
