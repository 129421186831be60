package dev.nabla.autodiff.graph;

import java.util.Optional;

/**
 * Elementwise functions of one argument. Each constant holds all of its rules: the scalar function,
 * its VJP as an expression of the input {@code x}, the output {@code y} and the adjoint {@code g}
 * (reusing the forward value where that is cheaper, as {@code σ' = σ(1 − σ)}), and its names.
 *
 * <p>{@link #SIGN} and {@link #STEP} are piecewise constant: their gradient is zero everywhere it
 * exists, so they pass no gradient back. {@link #ABS} and {@link #RELU} use the subgradient 0 at 0.
 */
public enum UnaryOp {
  /** −x. */
  NEG("-", "-") {
    @Override
    public double apply(double x) {
      return -x;
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.neg());
    }
  },
  /** eˣ. */
  EXP("exp", "\\exp") {
    @Override
    public double apply(double x) {
      return Math.exp(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(y));
    }
  },
  /** Natural logarithm. */
  LOG("log", "\\ln") {
    @Override
    public double apply(double x) {
      return Math.log(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.div(x));
    }
  },
  /** √x. */
  SQRT("sqrt", "\\sqrt") {
    @Override
    public double apply(double x) {
      return Math.sqrt(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.div(Constant.of(2).mul(y)));
    }
  },
  /** |x|, with subgradient 0 at 0. */
  ABS("abs", "") {
    @Override
    public double apply(double x) {
      return Math.abs(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(Unary.of(SIGN, x)));
    }
  },
  /** The logistic function 1 / (1 + e⁻ˣ), computed without overflow. */
  SIGMOID("σ", "\\sigma") {
    @Override
    public double apply(double x) {
      if (x >= 0) {
        return 1.0 / (1.0 + Math.exp(-x));
      }
      double e = Math.exp(x);
      return e / (1.0 + e);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(y.mul(Constant.of(1).sub(y))));
    }
  },
  /** Hyperbolic tangent. */
  TANH("tanh", "\\tanh") {
    @Override
    public double apply(double x) {
      return Math.tanh(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(Constant.of(1).sub(y.square())));
    }
  },
  /** max(x, 0), with subgradient 0 at 0. */
  RELU("relu", "\\mathrm{ReLU}") {
    @Override
    public double apply(double x) {
      return x > 0 ? x : 0.0;
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(Unary.of(STEP, x)));
    }
  },
  /**
   * The identity in value, but no gradient flows through it (JAX's {@code stop_gradient}). Prints as
   * {@code sg(x)}, so that a cost whose gradient it cuts does not read like one it does not.
   */
  STOP_GRADIENT("sg", "\\operatorname{sg}") {
    @Override
    public double apply(double x) {
      return x;
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.empty();
    }
  },
  /** −1, 0 or 1; no gradient. */
  SIGN("sign", "\\operatorname{sign}") {
    @Override
    public double apply(double x) {
      return Math.signum(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.empty();
    }
  },
  /** 1 where x &gt; 0, else 0 (Heaviside step); no gradient. */
  STEP("step", "H") {
    @Override
    public double apply(double x) {
      return x > 0 ? 1.0 : 0.0;
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.empty();
    }
  };

  private final String text;
  private final String latex;

  UnaryOp(String text, String latex) {
    this.text = text;
    this.latex = latex;
  }

  /** The scalar function. */
  public abstract double apply(double x);

  /** The adjoint of the input, given input x, output y and output adjoint g; empty: no gradient. */
  abstract Optional<Expr> vjp(Expr x, Expr y, Expr g);

  /** The name used in plain text. */
  public String text() {
    return text;
  }

  int precedence() {
    return this == NEG ? Notation.PREFIX : Notation.ATOM;
  }

  String render(Notation n) {
    if (this == NEG) {
      return "-" + n.arg(0, Notation.PREFIX + 1);
    }
    if (!n.latex()) {
      return text + "(" + n.arg(0) + ")";
    }
    return switch (this) {
      case ABS -> "\\left|" + n.arg(0) + "\\right|";
      case SQRT -> "\\sqrt{" + n.arg(0) + "}";
      case EXP -> "e^{" + n.arg(0) + "}";
      default -> latex + "\\left(" + n.arg(0) + "\\right)";
    };
  }
}
