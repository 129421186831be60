package dev.nabla.autodiff.print;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Notation;

/**
 * Plain infix text, as {@link Expr#toString()} prints it: {@code σ(x @ wᵀ + b)}, {@code sum((a - y)²) / n}.
 * Elementwise product is {@code *}, matrix product {@code @}, broadcasting is implicit.
 */
public final class TextPrinter {
  private TextPrinter() {}

  /** The expression as infix text. */
  public static String print(Expr e) {
    checkNotNull(e, "%s.print: e is null", "TextPrinter");
    return new Printer(Notation.Syntax.TEXT).render(e);
  }
}
