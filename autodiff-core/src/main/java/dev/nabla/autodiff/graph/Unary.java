package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/** An elementwise function of one input ({@link UnaryOp}); the output has the input's shape. */
public final class Unary extends Expr {
  private final UnaryOp op;

  private Unary(UnaryOp op, Expr x) {
    super(x.shape(), List.of(x));
    this.op = op;
  }

  /** {@code op} applied to {@code x}, folded when {@code x} is a constant and simplified where exact. */
  public static Expr of(UnaryOp op, Expr x) {
    checkNotNull(op, "unary: op is null");
    checkNotNull(x, "%s: x is null", op.opName());
    if (x instanceof Constant c && c.foldable()) {
      return Constant.of(new Unary(op, x).evaluate(List.of(c.value())));
    }
    if (op == UnaryOp.NEG && x instanceof Unary u && u.op == UnaryOp.NEG) {
      return u.inputs().get(0);
    }
    return new Unary(op, x);
  }

  /** The function applied. */
  public UnaryOp op() {
    return op;
  }

  @Override
  public String opName() {
    return op.opName();
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    return in.get(0);
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    op.applyInto(in.get(0).rawData(), out);
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    return List.of(op.vjp(inputs().get(0), this, g));
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(op, newInputs.get(0));
  }

  @Override
  public Object parameters() {
    return op;
  }

  @Override
  public int precedence() {
    return op.precedence();
  }

  @Override
  public String render(Notation n) {
    return op.render(n);
  }
}
