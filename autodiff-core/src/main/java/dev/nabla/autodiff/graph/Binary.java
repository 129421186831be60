package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Broadcasting;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * An elementwise function of two inputs broadcast against each other ({@link BinaryOp}).
 *
 * <p>{@link #of} simplifies as it builds, never changing a finite value: constants are folded;
 * {@code x + 0}, {@code x − 0}, {@code x·1}, {@code x / 1} become {@code x}; {@code 0 − x} becomes
 * {@code −x}; {@code x·(−1)} becomes {@code −x}; and {@code x·0}, {@code 0 / x} become zeros. The last
 * two assume {@code x} is finite (for NaN or ∞ the unsimplified product would be NaN; the evaluator
 * reports non-finite values anyway). A broadcast of a value ({@link Expand}) that the operation would
 * broadcast by itself is dropped.
 */
public final class Binary extends Expr {
  private final BinaryOp op;

  private Binary(BinaryOp op, Expr a, Expr b, Shape shape) {
    super(shape, List.of(a, b));
    this.op = op;
  }

  /** {@code op(a, b)}, simplified as described in the class comment. */
  public static Expr of(BinaryOp op, Expr a, Expr b) {
    checkNotNull(op, "binary: op is null");
    checkNotNull(a, "%s: a is null", op.opName());
    checkNotNull(b, "%s: b is null", op.opName());
    String name = op.opName();
    Shape shape = Broadcasting.shape(name, a.shape(), b.shape());
    if (a instanceof Constant ca && ca.foldable() && b instanceof Constant cb && cb.foldable()) {
      return Constant.of(Broadcasting.apply(name, ca.value(), cb.value(), op));
    }
    // a broadcast constant combined with a constant: fold, keeping the broadcast
    Constant ca = constantCore(a);
    Constant cb = constantCore(b);
    if (ca != null && cb != null) {
      Expr like = a instanceof Expand ? a.inputs().get(1) : b.inputs().get(1);
      if (like.shape().equals(shape)) {
        return Expand.of(Constant.of(Broadcasting.apply(name, ca.value(), cb.value(), op)), like);
      }
    }
    // an Expand that the operation's own broadcasting makes redundant
    if (a instanceof Expand ea && b.shape().equals(shape)
        && Broadcasting.shape(name, ea.inputs().get(0).shape(), b.shape()).equals(shape)) {
      return of(op, ea.inputs().get(0), b);
    }
    if (b instanceof Expand eb && a.shape().equals(shape)
        && Broadcasting.shape(name, a.shape(), eb.inputs().get(0).shape()).equals(shape)) {
      return of(op, a, eb.inputs().get(0));
    }
    Expr simpler = identity(op, a, b, shape);
    return simpler != null ? simpler : new Binary(op, a, b, shape);
  }

  private static Expr identity(BinaryOp op, Expr a, Expr b, Shape shape) {
    boolean aFits = a.shape().equals(shape);
    boolean bFits = b.shape().equals(shape);
    switch (op) {
      case ADD:
        if (isAll(b, 0) && aFits) return a;
        if (isAll(a, 0) && bFits) return b;
        break;
      case SUB:
        if (isAll(b, 0) && aFits) return a;
        if (isAll(a, 0) && bFits) return Unary.of(UnaryOp.NEG, b);
        break;
      case MUL:
        if (isAll(b, 1) && aFits) return a;
        if (isAll(a, 1) && bFits) return b;
        if (isAll(b, -1) && aFits) return Unary.of(UnaryOp.NEG, a);
        if (isAll(a, -1) && bFits) return Unary.of(UnaryOp.NEG, b);
        if (isAll(a, 0) || isAll(b, 0)) return zeros(shape, a, b);
        break;
      case DIV:
        if (isAll(b, 1) && aFits) return a;
        if (isAll(a, 0)) return zeros(shape, a, b);
        break;
      default:
        break;
    }
    return null;
  }

  /** The constant {@code e} is, or broadcasts; null when it is neither. */
  private static Constant constantCore(Expr e) {
    Expr core = e instanceof Expand x ? x.inputs().get(0) : e;
    return core instanceof Constant c && c.foldable() ? c : null;
  }

  /** True when {@code e} is a constant, or a broadcast constant, whose elements all equal {@code v}. */
  static boolean isAll(Expr e, double v) {
    if (e instanceof Expand x) {
      e = x.inputs().get(0);
    }
    return e instanceof Constant c && c.isAll(v);
  }

  private static Expr zeros(Shape shape, Expr a, Expr b) {
    Expr like = a.shape().equals(shape) ? a : b.shape().equals(shape) ? b : null;
    if (like != null) {
      return Composites.zerosLike(like);
    }
    return shape.isConcrete() ? Constant.of(Tensor.zeros(shape)) : null;
  }

  /** The operation. */
  public BinaryOp op() {
    return op;
  }

  @Override
  public String opName() {
    return op.opName();
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    return Broadcasting.shape(opName(), in.get(0), in.get(1));
  }

  /** Same-shape inputs run in the operator's own loop; the rest broadcasts generally. */
  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    double[] a = in.get(0).rawData();
    double[] b = in.get(1).rawData();
    if (a.length == out.length && b.length == out.length && in.get(0).shape().equals(in.get(1).shape())) {
      op.applyInto(a, b, out);
      return;
    }
    Broadcasting.applyInto(opName(), in.get(0), in.get(1), op, out);
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    return op.vjp(inputs().get(0), inputs().get(1), this, g);
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(op, newInputs.get(0), newInputs.get(1));
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
  public int latexPrecedence() {
    return op == BinaryOp.DIV ? Notation.ATOM : op.precedence();
  }

  @Override
  public String render(Notation n) {
    Expr right = inputs().get(1);
    boolean scalarOperand = inputs().get(0).shape().isScalar() || right.shape().isScalar();
    boolean numberOnTheRight = right instanceof Constant c && c.name().isEmpty() && c.value().size() == 1;
    return op.render(n, scalarOperand ? numberOnTheRight ? BinaryOp.Scaling.NUMBER_AFTER : BinaryOp.Scaling.SCALAR : BinaryOp.Scaling.NONE);
  }
}
