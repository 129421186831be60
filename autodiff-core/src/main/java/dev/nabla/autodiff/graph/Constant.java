package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * A fixed tensor inside a graph, optionally named. How it prints:
 *
 * <ul>
 *   <li>a named constant prints its name ({@code X}, or {@code \mathrm{X}} in LaTeX), and is never
 *       folded into the operations applied to it, so it keeps its name in every expression built on it;
 *   <li>a scalar (or any single element) prints its value so that it reads back exactly ({@link
 *       Numbers}: {@code 0.1}, {@code 1/6});
 *   <li>a tensor of at most {@value #SHOWN_ELEMENTS} elements prints its values ({@code [1, 0]},
 *       {@code [[1, 2], [3, 4]]});
 *   <li>a larger tensor whose elements are all equal prints as {@code fill(0.5, [10, 784])}, any
 *       other as its shape ({@code const[10, 784]}).
 * </ul>
 */
public final class Constant extends Expr {
  /** Tensors of up to this many elements print their values. */
  public static final int SHOWN_ELEMENTS = 6;

  private final Tensor value;
  private final String name;

  private Constant(Tensor value, String name) {
    super(value.shape(), List.of());
    this.value = value;
    this.name = name;
  }

  /** A constant holding {@code value}. */
  public static Constant of(Tensor value) {
    return new Constant(checkNotNull(value, "constant: value is null"), null);
  }

  /** A scalar constant. */
  public static Constant of(double value) {
    return new Constant(Tensor.scalar(value), null);
  }

  /** A constant that prints as {@code name} ({@code constant("X", images)}), never folded away. */
  public static Constant named(String name, Tensor value) {
    checkNotNull(name, "constant: name is null");
    checkNotNull(value, "constant '%s': value is null", name);
    checkArgument(!name.isBlank(), "constant: a named constant needs a non-blank name");
    return new Constant(value, name);
  }

  /** Whether operations applied to it may fold it into a constant result: unnamed constants only. */
  boolean foldable() {
    return name == null;
  }

  /** The value. */
  public Tensor value() {
    return value;
  }

  /** The name it prints as, if it was given one. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
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
    return name != null ? "constant " + name + " " + value.shape() : "constant " + value.shape();
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
    return value.size() <= 64 ? List.of(value, Optional.ofNullable(name)) : this;
  }

  @Override
  public int precedence() {
    if (name != null || value.size() != 1) {
      return Notation.ATOM;
    }
    double v = value.rawData()[0];
    return Numbers.isFraction(v) ? Notation.MULTIPLICATIVE : v < 0 || isNegativeZero(v) ? Notation.PREFIX : Notation.ATOM;
  }

  private static boolean isNegativeZero(double v) {
    return v == 0 && Double.doubleToRawLongBits(v) != 0;
  }

  @Override
  public String render(Notation n) {
    if (name != null) {
      return n.latex() ? Variable.latexName(name) : name;
    }
    if (value.size() == 1) {
      return number(n, value.rawData()[0]); // broadcasting makes a single element's shape implicit
    }
    if (value.size() <= SHOWN_ELEMENTS) {
      return n.latex() && value.shape().rank() <= 2 ? latexMatrix(n) : nested(n, 0, 0);
    }
    String dims = n.latex() ? String.join(" \\times ", value.shape().toString().replaceAll("[\\[\\] ]", "").split(","))
        : value.shape().toString();
    double u = uniformValue();
    if (Double.isNaN(u)) {
      return n.latex() ? "C_{" + dims + "}" : "const" + dims;
    }
    if (n.latex() && (u == 0 || u == 1)) {
      return "\\mathbf{" + (long) u + "}_{" + dims + "}";
    }
    return n.latex() ? "\\operatorname{fill}\\left(" + number(n, u) + ", " + dims + "\\right)"
        : "fill(" + number(n, u) + ", " + dims + ")";
  }

  private static String number(Notation n, double v) {
    return n.latex() ? Numbers.latex(v) : Numbers.text(v);
  }

  /** {@code [[1, 2], [3, 4]]}, the values nested by axis. */
  private String nested(Notation n, int axis, int offset) {
    Shape s = value.shape();
    StringBuilder sb = new StringBuilder(n.latex() ? "\\left[" : "[");
    for (int i = 0; i < s.dim(axis); i++) {
      sb.append(i > 0 ? ", " : "");
      int at = offset + i * s.strides()[axis];
      sb.append(axis == s.rank() - 1 ? number(n, value.rawData()[at]) : nested(n, axis + 1, at));
    }
    return sb.append(n.latex() ? "\\right]" : "]").toString();
  }

  /** A vector as one row, a matrix by rows, in a {@code bmatrix}. */
  private String latexMatrix(Notation n) {
    int rows = value.shape().rank() == 2 ? value.shape().dim(0) : 1;
    int cols = value.size() / rows;
    StringBuilder sb = new StringBuilder("\\begin{bmatrix}");
    for (int r = 0; r < rows; r++) {
      sb.append(r > 0 ? " \\\\ " : "");
      for (int c = 0; c < cols; c++) {
        sb.append(c > 0 ? " & " : "").append(number(n, value.rawData()[r * cols + c]));
      }
    }
    return sb.append("\\end{bmatrix}").toString();
  }
}
