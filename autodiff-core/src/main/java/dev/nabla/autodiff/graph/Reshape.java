package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The same elements in row-major order under another shape. The target may leave one dimension open
 * ({@link Shape#ANY}); it is then inferred from the element count when values are bound. Linear; its
 * VJP reshapes the adjoint back.
 */
public final class Reshape extends Expr {
  private Reshape(Expr x, Shape shape) {
    super(shape, List.of(x));
  }

  /** {@code x} under {@code target}. */
  public static Expr of(Expr x, Shape shape) {
    Shape target = shape;
    checkNotNull(x, "reshape: x is null");
    checkNotNull(target, "reshape: shape is null");
    checkArgument(openDims(target) <= 1, "reshape: target %s may leave at most one dimension open", target);
    checkArgument(openDims(x.shape()) <= 1,
        "reshape: input %s has more than one open dimension; its gradient could not be shaped back", x.shape());
    if (x.shape().equals(target)) {
      return x;
    }
    long known = knownProduct(target);
    if (x.shape().isConcrete()) {
      int size = x.shape().size();
      checkArgument(target.isConcrete() ? known == size : size % known == 0,
          "reshape: %s has %s elements, which do not fit %s", x.shape(), size, target);
    } else if (target.isConcrete()) {
      checkArgument(known % knownProduct(x.shape()) == 0,
          "reshape: %s cannot always be reshaped to %s", x.shape(), target);
    }
    if (x instanceof Reshape r) {
      x = r.inputs().get(0);
      if (x.shape().equals(target)) {
        return x;
      }
    }
    Reshape node = new Reshape(x, target);
    return x instanceof Constant c && c.foldable() ? Constant.of(node.evaluate(List.of(c.value()))) : node;
  }

  private static int openDims(Shape s) {
    int open = 0;
    for (int d : s.dims()) {
      open += d == Shape.ANY ? 1 : 0;
    }
    return open;
  }

  private static long knownProduct(Shape s) {
    long p = 1;
    for (int d : s.dims()) {
      p *= d == Shape.ANY ? 1 : d;
    }
    return p;
  }

  @Override
  public String opName() {
    return "reshape " + shape();
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    Shape x = in.get(0);
    int size = x.size();
    int[] dims = shape().dims();
    long known = knownProduct(shape());
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == Shape.ANY) {
        checkArgument(size % known == 0, "reshape: %s has %s elements, which do not fit %s", x, size, shape());
        dims[i] = (int) (size / known);
      }
    }
    Shape concrete = Shape.of(dims);
    checkArgument(concrete.size() == size, "reshape: %s has %s elements, %s needs %s", x, size, concrete, concrete.size());
    return concrete;
  }

  /** A view of the input's values under the new shape: nothing is copied. */
  @Override
  public Tensor evaluate(List<Tensor> in) {
    return in.get(0).reshape(concreteShape(List.of(in.get(0).shape())));
  }

  /** The values unchanged: a plan sized {@code out} for this node's concrete shape already. */
  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    System.arraycopy(in.get(0).rawData(), 0, out, 0, out.length);
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    return List.of(Optional.of(of(g, inputs().get(0).shape())));
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(newInputs.get(0), shape());
  }

  @Override
  public Object parameters() {
    return shape();
  }

  @Override
  public int precedence() {
    return onlyUnitAxesChange() ? inputs().get(0).precedence() : Notation.ATOM;
  }

  /**
   * A reshape that only adds or removes axes of size 1 prints as its input (like broadcasting, it is
   * implicit in the notation); LaTeX leaves out every reshape. Text shows the others.
   */
  @Override
  public String render(Notation n) {
    if (n.latex() || onlyUnitAxesChange()) {
      return n.arg(0, 0);
    }
    return "reshape(" + n.arg(0) + ", " + shape() + ")";
  }

  private boolean onlyUnitAxesChange() {
    int[] a = Arrays.stream(inputs().get(0).shape().dims()).filter(d -> d != 1).toArray();
    int[] b = Arrays.stream(shape().dims()).filter(d -> d != 1).toArray();
    return Arrays.equals(a, b);
  }
}
