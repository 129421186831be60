package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The number of elements of {@code x} along some axes, as a scalar: the {@code n} of a mean. When those
 * dimensions are fixed it is folded to a constant at construction; over an open batch dimension it is
 * read from the bound value. It passes no gradient (a count does not vary with the values). Prints as
 * {@code n}.
 */
public final class Count extends Expr {
  private final int[] axes;

  private Count(Expr x, int[] axes) {
    super(Shape.scalar(), List.of(x));
    this.axes = axes;
  }

  /** The number of elements of {@code x} over {@code axes} (none means all). */
  public static Expr of(Expr x, int... axes) {
    checkNotNull(x, "count: x is null");
    checkNotNull(axes, "count: axes is null");
    int[] sorted = axes.length == 0 ? Reduce.allAxes(x.shape().rank())
        : Arrays.stream(axes).map(x.shape()::normalizeAxis).sorted().distinct().toArray();
    long n = 1;
    for (int a : sorted) {
      int d = x.shape().dim(a);
      if (d == Shape.ANY) {
        return new Count(x, sorted);
      }
      n *= d;
    }
    return Constant.of(n);
  }

  /** The counted axes, ascending (at least one of them open in the input's shape). */
  public int[] axes() {
    return axes.clone();
  }

  @Override
  public String opName() {
    return "count" + Arrays.toString(axes);
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    return Shape.scalar();
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    out[0] = count(in.get(0));
  }

  private long count(Tensor x) {
    long n = 1;
    for (int a : axes) {
      n *= x.shape().dim(a);
    }
    return n;
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    return List.of(Optional.empty());
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(newInputs.get(0), axes);
  }

  @Override
  public Object parameters() {
    return Arrays.stream(axes).boxed().toList();
  }

  @Override
  public int precedence() {
    return Notation.ATOM;
  }

  @Override
  public String render(Notation n) {
    return "n";
  }
}
