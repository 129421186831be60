package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * A fixed tensor inside a graph. A constant whose elements are all equal prints as that value; others
 * print as their shape ({@code const[10, 784]}).
 */
public final class Constant extends Expr {
  private final Tensor value;

  private Constant(Tensor value) {
    super(value.shape(), List.of());
    this.value = value;
  }

  /** A constant holding {@code value}. */
  public static Constant of(Tensor value) {
    return new Constant(checkNotNull(value, "constant value"));
  }

  /** A scalar constant. */
  public static Constant of(double value) {
    return new Constant(Tensor.scalar(value));
  }

  /** The value. */
  public Tensor value() {
    return value;
  }

  /** True when every element equals {@code v}. */
  public boolean isAll(double v) {
    for (double x : value.rawData()) {
      if (x != v) { // NaN never matches; 0.0 matches -0.0
        return false;
      }
    }
    return true;
  }

  /** The common value when every element is the same, else NaN. */
  double uniformValue() {
    double first = value.rawData()[0];
    return isAll(first) ? first : Double.NaN;
  }

  @Override
  public String opName() {
    return "constant " + value.shape();
  }

  @Override
  public Shape concreteShape(List<Shape> inputShapes) {
    return value.shape();
  }

  @Override
  public void computeInto(List<Tensor> inputValues, double[] out) {
    System.arraycopy(value.rawData(), 0, out, 0, out.length);
  }

  @Override
  public Tensor evaluate(List<Tensor> inputValues) {
    return value;
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    return List.of();
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return this;
  }

  @Override
  public Object parameters() {
    return value.size() <= 64 ? value : this;
  }

  @Override
  public int precedence() {
    double u = uniformValue();
    return !Double.isNaN(u) && u < 0 ? Notation.PREFIX : Notation.ATOM;
  }

  @Override
  public String render(Notation n) {
    double u = uniformValue();
    if (Double.isNaN(u)) {
      return n.latex() ? "C_{" + value.shape() + "}" : "const" + value.shape();
    }
    // a uniform constant prints as its value: broadcasting makes its shape implicit
    return Tensor.format(u);
  }
}
