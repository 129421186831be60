package dev.nabla.autodiff.graph;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;

/**
 * Elementwise functions of two broadcast inputs. Each constant holds its scalar function, its VJP (one
 * entry per input, in the output's shape: the reverse-mode driver sums broadcast axes away) and its
 * symbols. Comparisons yield 1.0 or 0.0 and pass no gradient: they are piecewise constant.
 */
public enum BinaryOp implements DoubleBinaryOperator {
  /** a + b. */
  ADD("+", "+", Notation.ADDITIVE) {
    @Override
    public double apply(double a, double b) {
      return a + b;
    }

    @Override
    List<Optional<Expr>> vjp(Expr a, Expr b, Expr y, Expr g) {
      return List.of(Optional.of(g), Optional.of(g));
    }
  },
  /** a − b. */
  SUB("-", "-", Notation.ADDITIVE) {
    @Override
    public double apply(double a, double b) {
      return a - b;
    }

    @Override
    List<Optional<Expr>> vjp(Expr a, Expr b, Expr y, Expr g) {
      return List.of(Optional.of(g), Optional.of(g.neg()));
    }
  },
  /** Elementwise product a ⊙ b. */
  MUL("*", "\\odot", Notation.MULTIPLICATIVE) {
    @Override
    public double apply(double a, double b) {
      return a * b;
    }

    @Override
    List<Optional<Expr>> vjp(Expr a, Expr b, Expr y, Expr g) {
      return List.of(Optional.of(g.mul(b)), Optional.of(g.mul(a)));
    }
  },
  /** Elementwise quotient a / b. */
  DIV("/", "/", Notation.MULTIPLICATIVE) {
    @Override
    public double apply(double a, double b) {
      return a / b;
    }

    @Override
    List<Optional<Expr>> vjp(Expr a, Expr b, Expr y, Expr g) {
      // d(a/b)/db = -a/b² = -y/b, reusing the forward value y
      return List.of(Optional.of(g.div(b)), Optional.of(g.mul(y).div(b).neg()));
    }
  },
  /** 1 where a &gt; b, else 0. */
  GT(">", ">", 0) {
    @Override
    public double apply(double a, double b) {
      return a > b ? 1.0 : 0.0;
    }
  },
  /** 1 where a ≥ b, else 0. */
  GE(">=", "\\ge", 0) {
    @Override
    public double apply(double a, double b) {
      return a >= b ? 1.0 : 0.0;
    }
  },
  /** 1 where a &lt; b, else 0. */
  LT("<", "<", 0) {
    @Override
    public double apply(double a, double b) {
      return a < b ? 1.0 : 0.0;
    }
  },
  /** 1 where a ≤ b, else 0. */
  LE("<=", "\\le", 0) {
    @Override
    public double apply(double a, double b) {
      return a <= b ? 1.0 : 0.0;
    }
  },
  /** 1 where a = b, else 0. */
  EQ("==", "=", 0) {
    @Override
    public double apply(double a, double b) {
      return a == b ? 1.0 : 0.0;
    }
  };

  private final String symbol;
  private final String latex;
  private final int precedence;
  private final String opName;

  BinaryOp(String symbol, String latex, int precedence) {
    this.symbol = symbol;
    this.latex = latex;
    this.precedence = precedence;
    this.opName = name().toLowerCase(Locale.ROOT);
  }

  /** The scalar function. */
  public abstract double apply(double a, double b);

  /** {@link #apply}: the operator itself can be passed to loops that take a {@link DoubleBinaryOperator}. */
  @Override
  public final double applyAsDouble(double a, double b) {
    return apply(a, b);
  }

  /** The lower-case name used in programs and error messages ({@code add}, {@code gt}, …). */
  String opName() {
    return opName;
  }

  /** The adjoints of both inputs given the output y and its adjoint g; comparisons: none. */
  List<Optional<Expr>> vjp(Expr a, Expr b, Expr y, Expr g) {
    return List.of(Optional.empty(), Optional.empty());
  }

  /** True for the comparisons, which yield 0/1 and pass no gradient. */
  public boolean isComparison() {
    return precedence == 0;
  }

  /** The infix symbol in plain text. */
  public String symbol() {
    return symbol;
  }

  int precedence() {
    return isComparison() ? Notation.ATOM : precedence;
  }

  String render(Notation n, boolean scalarOperand) {
    if (isComparison()) {
      String body = n.arg(0, Notation.ADDITIVE) + " " + (n.latex() ? latex : symbol) + " " + n.arg(1, Notation.ADDITIVE);
      return n.latex() ? "\\left[" + body + "\\right]" : "[" + body + "]";
    }
    if (n.latex() && this == DIV) {
      return "\\frac{" + n.arg(0) + "}{" + n.arg(1) + "}";
    }
    String sym = n.latex() && this == MUL && scalarOperand ? "\\," : n.latex() ? latex : symbol;
    String left = n.arg(0, precedence);
    String right = n.arg(1, this == SUB || this == DIV ? precedence + 1 : precedence);
    return n.latex() && this == MUL && scalarOperand ? left + sym + right : left + " " + sym + " " + right;
  }
}
