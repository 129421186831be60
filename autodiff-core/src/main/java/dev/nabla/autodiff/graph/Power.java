package dev.nabla.autodiff.graph;

import com.google.common.base.Preconditions;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/** {@code x^p} elementwise for a constant exponent {@code p}; {@code x^1} is {@code x}. */
public final class Power extends Expr {
  private final double exponent;

  private Power(Expr x, double exponent) {
    super(x.shape(), List.of(x));
    this.exponent = exponent;
  }

  /** {@code x^p}; {@code p} must be finite. */
  public static Expr of(Expr x, double p) {
    Preconditions.checkNotNull(x, "pow: x is null");
    Preconditions.checkArgument(Double.isFinite(p), "pow: exponent must be finite, got %s", p);
    if (p == 1) {
      return x;
    }
    if (p == 0) {
      return Composites.onesLike(x);
    }
    Power node = new Power(x, p);
    if (x instanceof Constant c && c.foldable()) {
      return Constant.of(node.evaluate(List.of(c.value())));
    }
    return node;
  }

  /** The constant exponent. */
  public double exponent() {
    return exponent;
  }

  @Override
  public String opName() {
    return "pow " + Tensor.format(exponent);
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    return in.get(0);
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    double[] x = in.get(0).rawData();
    if (exponent == 2) {
      for (int i = 0; i < x.length; i++) {
        out[i] = x[i] * x[i];
      }
    } else {
      for (int i = 0; i < x.length; i++) {
        out[i] = Math.pow(x[i], exponent);
      }
    }
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    Expr x = inputs().get(0);
    return List.of(Optional.of(g.mul(exponent).mul(of(x, exponent - 1))));
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(newInputs.get(0), exponent);
  }

  @Override
  public Object parameters() {
    return exponent;
  }

  @Override
  public int precedence() {
    return Notation.POSTFIX;
  }

  @Override
  public String render(Notation n) {
    String base = n.arg(0, Notation.ATOM);
    String p = Tensor.format(exponent);
    if (n.latex()) {
      return base + "^{" + p + "}";
    }
    return exponent == 2 ? base + "²" : exponent == 3 ? base + "³" : base + "^" + (exponent < 0 ? "(" + p + ")" : p);
  }
}
