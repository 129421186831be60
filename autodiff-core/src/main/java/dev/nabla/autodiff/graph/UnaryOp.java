package dev.nabla.autodiff.graph;

import java.util.Optional;

/**
 * Elementwise functions of one argument. Each constant holds all of its rules: the scalar function,
 * its VJP as an expression of the input {@code x}, the output {@code y} and the adjoint {@code g}
 * (reusing the forward value where that is cheaper, as {@code σ' = σ(1 − σ)}), and its names. A
 * function prints as {@code name(x)} and {@code \name\left(x\right)} unless its constant says otherwise.
 *
 * <p>{@link #SIGN} and {@link #STEP} are piecewise constant and {@link #STOP_GRADIENT} cuts the
 * gradient on purpose: their VJPs say that they pass none. {@link #ABS} and {@link #RELU} use the
 * subgradient 0 at 0.
 *
 * <p>Adding a function is one constant here (its {@code apply} and {@code vjp}) and one factory in
 * {@code Nabla} and {@link Expr}; README's "Adding an operation" walks through {@link #SIN}.
 */
public enum UnaryOp {
  /** −x. */
  NEG("-", "-") {
    @Override
    public double apply(double x) {
      return -x;
    }

    @Override
    void applyInto(double[] x, double[] out) { // a loop of its own: see applyInto
      for (int i = 0; i < x.length; i++) {
        out[i] = apply(x[i]);
      }
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.neg());
    }

    @Override
    int precedence() {
      return Notation.PREFIX;
    }

    @Override
    String render(Notation n) {
      return "-" + n.arg(0, Notation.PREFIX + 1);
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

    @Override
    String render(Notation n) {
      return n.latex() ? "e^{" + n.arg(0) + "}" : super.render(n);
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

    @Override
    String render(Notation n) {
      return n.latex() ? "\\sqrt{" + n.arg(0) + "}" : super.render(n);
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

    @Override
    String render(Notation n) {
      return n.latex() ? "\\left|" + n.arg(0) + "\\right|" : super.render(n);
    }
  },
  /** The logistic function 1 / (1 + e⁻ˣ), computed without overflow. */
  SIGMOID("σ", "\\sigma") {
    @Override
    public double apply(double x) {
      double e = Math.exp(-Math.abs(x));
      return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    @Override
    void applyInto(double[] x, double[] out) { // a loop of its own: see applyInto
      for (int i = 0; i < x.length; i++) {
        out[i] = apply(x[i]);
      }
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(y.mul(Constant.of(1).sub(y)))); // σ′ = σ(1 − σ) as one factor: plans fuse g ⊙ σ′
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
    void applyInto(double[] x, double[] out) { // a loop of its own: see applyInto
      for (int i = 0; i < x.length; i++) {
        out[i] = apply(x[i]);
      }
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(Unary.of(STEP, x)));
    }
  },
  /** sin x. */
  SIN("sin", "\\sin") {
    @Override
    public double apply(double x) {
      return Math.sin(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(x.cos()));
    }
  },
  /** cos x. */
  COS("cos", "\\cos") {
    @Override
    public double apply(double x) {
      return Math.cos(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(x.sin()).neg());
    }
  },
  /** tan x; its derivative 1 + tan² x reuses the output. */
  TAN("tan", "\\tan") {
    @Override
    public double apply(double x) {
      return Math.tan(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(y.square().add(1)));
    }
  },
  /** sinh x. */
  SINH("sinh", "\\sinh") {
    @Override
    public double apply(double x) {
      return Math.sinh(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(Unary.of(COSH, x)));
    }
  },
  /** cosh x. */
  COSH("cosh", "\\cosh") {
    @Override
    public double apply(double x) {
      return Math.cosh(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(Unary.of(SINH, x)));
    }
  },
  /** ln(1 + x), exact for small x. */
  LOG1P("log1p", "\\operatorname{log1p}") {
    @Override
    public double apply(double x) {
      return Math.log1p(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.div(x.add(1)));
    }
  },
  /** eˣ − 1, exact for small x. */
  EXPM1("expm1", "\\operatorname{expm1}") {
    @Override
    public double apply(double x) {
      return Math.expm1(x);
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(y.add(1)));
    }
  },
  /**
   * ln(1 + eˣ), computed as {@code max(x, 0) + log1p(e^−|x|)}: exact to rounding and finite for every
   * finite x (the naive form overflows past x ≈ 709 and loses all digits below x ≈ −37). Its
   * derivative is σ(x).
   */
  SOFTPLUS("softplus", "\\operatorname{softplus}") {
    @Override
    public double apply(double x) {
      return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    Optional<Expr> vjp(Expr x, Expr y, Expr g) {
      return Optional.of(g.mul(x.sigmoid()));
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
    void applyInto(double[] x, double[] out) { // a loop of its own: see applyInto
      for (int i = 0; i < x.length; i++) {
        out[i] = apply(x[i]);
      }
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

  /**
   * {@code out[i] = apply(x[i])}. Modified: {@code out}. A constant on a hot path (sigmoid, the steps
   * of relu) overrides it with a loop of its own: this shared loop calls {@link #apply} through
   * virtual dispatch, about 2 ns an element against 0.15 ns inlined.
   */
  void applyInto(double[] x, double[] out) {
    for (int i = 0; i < x.length; i++) {
      out[i] = apply(x[i]);
    }
  }

  /** The adjoint of the input, given input x, output y and output adjoint g; empty: no gradient. */
  abstract Optional<Expr> vjp(Expr x, Expr y, Expr g);

  /** The name used in plain text. */
  public String text() {
    return text;
  }

  /** The name of its factory, for programs and error messages ({@code neg}, {@code sigmoid}, {@code stopGradient}). */
  public String opName() {
    return com.google.common.base.CaseFormat.UPPER_UNDERSCORE.to(com.google.common.base.CaseFormat.LOWER_CAMEL, name());
  }

  int precedence() {
    return Notation.ATOM;
  }

  /** As a function call: {@code name(x)}, {@code \name\left(x\right)}. */
  String render(Notation n) {
    return n.latex() ? latex + "\\left(" + n.arg(0) + "\\right)" : text + "(" + n.arg(0) + ")";
  }
}
