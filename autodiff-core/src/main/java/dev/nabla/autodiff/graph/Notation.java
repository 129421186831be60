package dev.nabla.autodiff.graph;

/**
 * What a node sees of a printer while it renders itself: the target syntax, and its inputs already
 * rendered, parenthesised when they bind more loosely than the node requires.
 *
 * <p>Precedence levels, loosest first: {@link #ADDITIVE} ({@code a + b}), {@link #MULTIPLICATIVE}
 * ({@code a·b}, {@code a / b}), {@link #PREFIX} ({@code −a}), {@link #POSTFIX} ({@code aᵀ},
 * {@code a²}), {@link #ATOM} (names, numbers, function calls).
 */
public interface Notation {
  /** {@code a + b}, {@code a − b}. */
  int ADDITIVE = 1;
  /** {@code a·b}, {@code a / b}, {@code a @ b}. */
  int MULTIPLICATIVE = 2;
  /** {@code −a}. */
  int PREFIX = 3;
  /** {@code aᵀ}, {@code a²}. */
  int POSTFIX = 4;
  /** Names, numbers and function calls. */
  int ATOM = 5;

  /** The syntax being produced. */
  enum Syntax {
    /** Plain Unicode infix, as {@code toString()} prints. */
    TEXT,
    /** LaTeX math in the seeds' notation. */
    LATEX
  }

  /** The syntax being produced. */
  Syntax syntax();

  /** True when producing LaTeX. */
  default boolean latex() {
    return syntax() == Syntax.LATEX;
  }

  /** Input {@code i}, in parentheses when its precedence is below {@code minPrecedence}. */
  String arg(int i, int minPrecedence);

  /** Any node (usually a grandchild), in parentheses when its precedence is below {@code minPrecedence}. */
  String expr(Expr e, int minPrecedence);

  /** Input {@code i} without parentheses (it stands inside a bracket of its own). */
  default String arg(int i) {
    return arg(i, 0);
  }
}
