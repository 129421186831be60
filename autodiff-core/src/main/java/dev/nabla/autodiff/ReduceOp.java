package dev.nabla.autodiff;

/** Reductions over axes: {@link #SUM}, {@link #MAX}, and the non-differentiable {@link #ARGMAX}. */
public enum ReduceOp {
  /** Σ over the axes. Linear: its VJP broadcasts the adjoint back. */
  SUM,
  /** The largest element; the adjoint goes to the arg-max entries, split equally between ties. */
  MAX,
  /** The index of the largest element along one axis (the first, on ties), as a double; no gradient. */
  ARGMAX
}
