package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * A named input of fixed shape whose value is given when the graph is evaluated. Its leading
 * dimension may be left open ({@code Variable.of("x", Shape.batch(784))}) so one expression serves a
 * batch of any size. Two variables with the same name are still different variables; the name is for
 * printing and error messages.
 */
public final class Variable extends Expr {
  private final String name;

  private Variable(String name, Shape shape) {
    super(shape, List.of());
    this.name = name;
  }

  /** A variable of the given shape. */
  public static Variable of(String name, Shape shape) {
    checkNotNull(name, "variable: name is null");
    checkArgument(!name.isBlank(), "variable: a variable needs a non-blank name");
    return new Variable(name, checkNotNull(shape, "variable '%s': shape is null", name));
  }

  /** A variable of the given concrete dimensions ({@code Variable.of("w", 30, 784)}); none gives a scalar. */
  public static Variable of(String name, int... dims) {
    checkNotNull(dims, "variable '%s': dims is null", name);
    return of(name, Shape.of(dims));
  }

  /** The name given at construction. */
  public String name() {
    return name;
  }

  @Override
  public String opName() {
    return "variable " + name;
  }

  @Override
  public Shape concreteShape(List<Shape> inputShapes) {
    throw unbound();
  }

  @Override
  public void computeInto(List<Tensor> inputValues, double[] out) {
    throw unbound();
  }

  @Override
  public Tensor evaluate(List<Tensor> inputValues) {
    throw unbound();
  }

  private IllegalStateException unbound() {
    return new IllegalStateException("variable '" + name + "' " + shape() + " is not bound to a value");
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
    return this; // every variable is distinct
  }

  @Override
  public int precedence() {
    return Notation.ATOM;
  }

  @Override
  public String render(Notation n) {
    return n.latex() ? latexName(name) : name;
  }

  /** A name in LaTeX: trailing digits become a subscript ({@code w1} → {@code w_{1}}), longer names upright. */
  static String latexName(String name) {
    String base = name.replaceAll("\\d+$", "");
    String digits = name.substring(base.length());
    String body = base.length() > 1 && !base.startsWith("\\") ? "\\mathrm{" + base + "}" : base;
    return digits.isEmpty() ? body : body + "_{" + digits + "}";
  }
}
