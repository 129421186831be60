package dev.nabla.autodiff.print;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Notation;

/**
 * LaTeX math in the seeds' notation: σ for the sigmoid, {@code \sum}, {@code \left\|v\right\|^{2}} for
 * a sum of squares, {@code \frac} for quotients, {@code ^{T}} for transposes, ⊙ ({@code \odot}) for
 * elementwise products, juxtaposition for matrix products, {@code n} for a batch count.
 */
public final class LatexPrinter {
  private LatexPrinter() {}

  /** The expression as LaTeX (math mode, without delimiters). */
  public static String print(Expr e) {
    checkNotNull(e, "%s.print: e is null", "LatexPrinter");
    return new Printer(Notation.Syntax.LATEX).render(e);
  }
}
