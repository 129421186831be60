package dev.nabla.autodiff.print;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Notation;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Renders an expression tree in one {@link Notation.Syntax}. Each node renders itself; this class
 * supplies its inputs, parenthesised by precedence. Shared subexpressions are rendered once and
 * reused (so a graph that reuses nodes prints in time linear in its size), and output is capped:
 * beyond {@link #MAX_DEPTH} levels or {@link #MAX_CHARS} characters it is elided with {@code …}.
 */
final class Printer {
  static final int MAX_DEPTH = 150;
  static final int MAX_CHARS = 4000;

  private final Notation.Syntax syntax;
  private final Map<Expr, String> memo = new IdentityHashMap<>();
  private int depth;

  Printer(Notation.Syntax syntax) {
    this.syntax = syntax;
  }

  String render(Expr e) {
    String cached = memo.get(e);
    if (cached != null) {
      return cached;
    }
    if (depth >= MAX_DEPTH) {
      return "…";
    }
    depth++;
    String s;
    try {
      s = e.render(new Context(e));
    } finally {
      depth--;
    }
    if (s.length() > MAX_CHARS) {
      s = s.substring(0, MAX_CHARS) + "…";
    }
    memo.put(e, s);
    return s;
  }

  String wrap(Expr e, int minPrecedence) {
    String s = render(e);
    if (e.precedence() >= minPrecedence) {
      return s;
    }
    return syntax == Notation.Syntax.LATEX ? "\\left(" + s + "\\right)" : "(" + s + ")";
  }

  private final class Context implements Notation {
    private final Expr node;

    Context(Expr node) {
      this.node = node;
    }

    @Override
    public Syntax syntax() {
      return syntax;
    }

    @Override
    public String arg(int i, int minPrecedence) {
      return wrap(node.inputs().get(i), minPrecedence);
    }

    @Override
    public String expr(Expr e, int minPrecedence) {
      return wrap(e, minPrecedence);
    }
  }
}
