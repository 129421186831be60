package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.kernel.MatMulKernels;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * The matrix product {@code op(a)·op(b)} of two rank-2 inputs, where {@code op} transposes the operand
 * when its flag is set. Transposed operands are read in place by their own loop order; no transpose is
 * ever materialised. Matrix–vector forms are built by {@link #product} with reshapes around this.
 *
 * <p>Its VJP is bilinear: for {@code C = A·B}, {@code dA = G·Bᵀ} and {@code dB = Aᵀ·G}, expressed again
 * as MatMul nodes with flags, so the backward pass never transposes either.
 */
public final class MatMul extends Expr {
  private final boolean transA;
  private final boolean transB;

  private MatMul(Expr a, Expr b, boolean transA, boolean transB, Shape shape) {
    super(shape, List.of(a, b));
    this.transA = transA;
    this.transB = transB;
  }

  /** {@code op(a)·op(b)}; both inputs of rank 2 with matching inner dimensions. */
  public static Expr of(Expr a, Expr b, boolean transA, boolean transB) {
    checkNotNull(a, "matmul: a is null");
    checkNotNull(b, "matmul: b is null");
    String sa = a.shape() + (transA ? "ᵀ" : "");
    String sb = b.shape() + (transB ? "ᵀ" : "");
    checkArgument(a.shape().rank() == 2 && b.shape().rank() == 2,
        "matmul: %s x %s — both operands must be matrices (rank 2)", sa, sb);
    int m = a.shape().dim(transA ? 1 : 0);
    int k1 = a.shape().dim(transA ? 0 : 1);
    int k2 = b.shape().dim(transB ? 1 : 0);
    int n = b.shape().dim(transB ? 0 : 1);
    // both inner dimensions may be open (a batch summed over, as in a weight gradient); one open against
    // one fixed would hide the open one's size from the shapes inferred downstream
    checkArgument(k1 == k2, k1 == Shape.ANY || k2 == Shape.ANY
        ? "matmul: %s x %s — inner dimensions %s and %s: an open size against a fixed one; reshape so they agree"
        : "matmul: %s x %s — inner dimensions %s and %s differ", sa, sb, k1 == Shape.ANY ? "?" : k1, k2 == Shape.ANY ? "?" : k2);
    MatMul node = new MatMul(a, b, transA, transB, Shape.of(m, n));
    if (a instanceof Constant ca && ca.foldable() && b instanceof Constant cb && cb.foldable()) {
      return Constant.of(node.evaluate(List.of(ca.value(), cb.value())));
    }
    if (Binary.isAll(a, 0) || Binary.isAll(b, 0)) {
      Shape s = node.shape();
      if (s.isConcrete()) {
        return Constant.of(Tensor.zeros(s));
      }
    }
    return node;
  }

  /**
   * The matrix product. Matrix·matrix ({@code [m, k]·[k, n] → [m, n]}), matrix·vector ({@code [m, k]·[k]
   * → [m]}), vector·matrix ({@code [k]·[k, n] → [n]}) and vector·vector (a scalar). A transposed matrix
   * operand ({@code w.transpose()}) is read in place, never copied.
   */
  public static Expr product(Expr a, Expr b) {
    checkNotNull(a, "matmul: a is null");
    checkNotNull(b, "matmul: b is null");
    int ra = a.shape().rank();
    int rb = b.shape().rank();
    checkArgument(ra >= 1 && ra <= 2 && rb >= 1 && rb <= 2,
        "matmul: %s x %s — operands must be vectors or matrices", a.shape(), b.shape());
    Expr left = ra == 1 ? Reshape.of(a, Shape.of(1, a.shape().dim(0))) : a;
    Expr right = rb == 1 ? Reshape.of(b, Shape.of(b.shape().dim(0), 1)) : b;
    boolean ta = left instanceof Transpose t && t.shape().rank() == 2;
    boolean tb = right instanceof Transpose t && t.shape().rank() == 2;
    Expr product = of(ta ? left.inputs().get(0) : left, tb ? right.inputs().get(0) : right, ta, tb);
    if (ra == 2 && rb == 2) {
      return product;
    }
    Shape out = ra == 2 ? Shape.of(a.shape().dim(0)) : rb == 2 ? Shape.of(b.shape().dim(1)) : Shape.scalar();
    return Reshape.of(product, out);
  }

  /** Whether the left operand is used transposed. */
  public boolean transA() {
    return transA;
  }

  /** Whether the right operand is used transposed. */
  public boolean transB() {
    return transB;
  }

  @Override
  public String opName() {
    return "matmul" + (transA ? "[transA]" : "") + (transB ? "[transB]" : "");
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    Shape a = in.get(0);
    Shape b = in.get(1);
    int k = a.dim(transA ? 0 : 1);
    int kb = b.dim(transB ? 1 : 0);
    checkArgument(k == kb, "matmul: %s%s x %s%s — inner dimensions %s and %s differ",
        a, transA ? "ᵀ" : "", b, transB ? "ᵀ" : "", k, kb);
    return Shape.of(a.dim(transA ? 1 : 0), b.dim(transB ? 0 : 1));
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    Tensor a = in.get(0);
    Tensor b = in.get(1);
    java.util.Arrays.fill(out, 0.0);
    MatMulKernels.multiply(a.rawData(), b.rawData(), out, a.shape().dim(transA ? 1 : 0), a.shape().dim(transA ? 0 : 1),
        b.shape().dim(transB ? 0 : 1), transA, transB);
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    Expr a = inputs().get(0);
    Expr b = inputs().get(1);
    // C = op(A)·op(B). dop(A) = G·op(B)ᵀ, dop(B) = op(A)ᵀ·G; transpose back where the operand was transposed.
    Expr da = transA ? of(b, g, transB, true) : of(g, b, false, !transB);
    Expr db = transB ? of(g, a, true, transA) : of(a, g, !transA, false);
    return List.of(Optional.of(da), Optional.of(db));
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(newInputs.get(0), newInputs.get(1), transA, transB);
  }

  @Override
  public Object parameters() {
    return List.of(transA, transB);
  }

  @Override
  public int precedence() {
    return Notation.MULTIPLICATIVE;
  }

  @Override
  public String render(Notation n) {
    String t = n.latex() ? "^{T}" : "ᵀ";
    // juxtaposition in LaTeX reads as binding tighter than ⊙, so a product on its left is bracketed
    String left = transA ? n.arg(0, Notation.ATOM) + t : n.arg(0, Notation.MULTIPLICATIVE + (n.latex() ? 1 : 0));
    String right = transB ? n.arg(1, Notation.ATOM) + t : n.arg(1, Notation.MULTIPLICATIVE + 1);
    return n.latex() ? left + " " + right : left + " @ " + right;
  }
}
