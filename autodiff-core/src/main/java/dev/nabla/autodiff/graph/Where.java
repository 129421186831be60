package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Broadcasting;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * {@code a} where {@code condition} is non-zero, else {@code b}, elementwise; the three broadcast
 * against each other. The condition is usually a comparison ({@code where(gt(x, 0), x, 0)}) and gets
 * no gradient; {@code a} gets the adjoint where the condition holds and {@code b} elsewhere.
 */
public final class Where extends Expr {
  private Where(Expr condition, Expr a, Expr b, Shape shape) {
    super(shape, List.of(condition, a, b));
  }

  /** {@code condition ? a : b} elementwise, broadcasting. */
  public static Expr of(Expr condition, Expr a, Expr b) {
    checkNotNull(condition, "where: condition is null");
    checkNotNull(a, "where: a is null");
    checkNotNull(b, "where: b is null");
    Shape shape = shapeOf(condition.shape(), a.shape(), b.shape());
    Where node = new Where(condition, a, b, shape);
    if (condition instanceof Constant c && c.foldable() && a instanceof Constant ca && ca.foldable()
        && b instanceof Constant cb && cb.foldable()) {
      return Constant.of(node.evaluate(List.of(c.value(), ca.value(), cb.value())));
    }
    return node;
  }

  private static Shape shapeOf(Shape c, Shape a, Shape b) {
    return Broadcasting.shape("where", Broadcasting.shape("where", c, a), b);
  }

  @Override
  public String opName() {
    return "where";
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    return shapeOf(in.get(0), in.get(1), in.get(2));
  }

  /**
   * Operands of the output's size or of one element (the common cases) run in one loop that allocates
   * nothing; other broadcasts walk an odometer.
   */
  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    double[] c = in.get(0).rawData();
    double[] a = in.get(1).rawData();
    double[] b = in.get(2).rawData();
    if (fits(c, out) && fits(a, out) && fits(b, out)) {
      int sc = c.length == out.length ? 1 : 0;
      int sa = a.length == out.length ? 1 : 0;
      int sb = b.length == out.length ? 1 : 0;
      for (int i = 0; i < out.length; i++) {
        out[i] = c[i * sc] != 0 ? a[i * sa] : b[i * sb];
      }
      return;
    }
    Shape shape = concreteShape(List.of(in.get(0).shape(), in.get(1).shape(), in.get(2).shape()));
    int rank = shape.rank();
    int[] dims = shape.dims();
    int[] stC = Broadcasting.broadcastStrides(in.get(0).shape(), rank);
    int[] stA = Broadcasting.broadcastStrides(in.get(1).shape(), rank);
    int[] stB = Broadcasting.broadcastStrides(in.get(2).shape(), rank);
    int[] idx = new int[rank];
    int ic = 0;
    int ia = 0;
    int ib = 0;
    for (int o = 0; o < out.length; o++) {
      out[o] = c[ic] != 0 ? a[ia] : b[ib];
      for (int axis = rank - 1; axis >= 0; axis--) {
        idx[axis]++;
        ic += stC[axis];
        ia += stA[axis];
        ib += stB[axis];
        if (idx[axis] < dims[axis]) {
          break;
        }
        ic -= stC[axis] * dims[axis];
        ia -= stA[axis] * dims[axis];
        ib -= stB[axis] * dims[axis];
        idx[axis] = 0;
      }
    }
  }

  private static boolean fits(double[] operand, double[] out) {
    return operand.length == out.length || operand.length == 1;
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    Expr c = inputs().get(0);
    Expr zero = Constant.of(0);
    return List.of(Optional.empty(), Optional.of(of(c, g, zero)), Optional.of(of(c, zero, g)));
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(newInputs.get(0), newInputs.get(1), newInputs.get(2));
  }

  @Override
  public Object parameters() {
    return "where";
  }

  @Override
  public int precedence() {
    return Notation.ATOM;
  }

  @Override
  public String render(Notation n) {
    String args = n.arg(0) + ", " + n.arg(1) + ", " + n.arg(2);
    return n.latex() ? "\\operatorname{where}\\left(" + args + "\\right)" : "where(" + args + ")";
  }
}
