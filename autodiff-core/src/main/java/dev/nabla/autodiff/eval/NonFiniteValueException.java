package dev.nabla.autodiff.eval;

import dev.nabla.autodiff.graph.Expr;

/**
 * Evaluation produced (or was given) NaN or an infinity. The message names the operation, the printed
 * node, the first bad element and whether the node's inputs were finite; {@link #node()} is the
 * offending node.
 */
public final class NonFiniteValueException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final transient Expr node;

  NonFiniteValueException(Expr node, String message) {
    super(message);
    this.node = node;
  }

  /** The node whose value was not finite. */
  public Expr node() {
    return node;
  }
}
