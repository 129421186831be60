package dev.nabla.autodiff.print;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Notation;

/**
 * LaTeX math in the seeds' notation: σ for the sigmoid, {@code \sum}, {@code \left\|v\right\|^{2}} for
 * a sum of squares, {@code \frac} for quotients, {@code ^{T}} for transposes, ⊙ ({@code \odot}) for
 * elementwise products, juxtaposition for matrix products, {@code n} for a batch count. Shared and long
 * subexpressions are named as in text ({@code \quad\text{where}\quad s_{1} = …}), the same ones, so
 * that {@code s_{1}} in LaTeX is {@code s₁} in {@code toString()}.
 */
public final class LatexPrinter {
  private LatexPrinter() {}

  /** The expression as LaTeX (math mode, without delimiters). */
  public static String print(Expr e) {
    checkNotNull(e, "%s.print: e is null", "LatexPrinter");
    return Printer.latex(e);
  }
}
