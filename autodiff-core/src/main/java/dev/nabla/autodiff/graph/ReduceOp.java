package dev.nabla.autodiff.graph;

import dev.nabla.autodiff.kernel.ReduceKernels;

/** Reductions over axes: {@link #SUM}, {@link #MAX}, and the non-differentiable {@link #ARGMAX}. */
public enum ReduceOp {
  /** Σ over the axes. Linear: its VJP broadcasts the adjoint back. */
  SUM(ReduceKernels.Kind.SUM),
  /** The largest element; the adjoint goes to the arg-max entries, split equally between ties. */
  MAX(ReduceKernels.Kind.MAX),
  /** The index of the largest element along one axis (the first, on ties), as a double; no gradient. */
  ARGMAX(ReduceKernels.Kind.ARGMAX);

  private final ReduceKernels.Kind kernel;

  ReduceOp(ReduceKernels.Kind kernel) {
    this.kernel = kernel;
  }

  /** The loop that computes it. */
  ReduceKernels.Kind kernel() {
    return kernel;
  }
}
