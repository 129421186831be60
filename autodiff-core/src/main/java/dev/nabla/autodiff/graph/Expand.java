package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Broadcasting;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * Broadcasts {@code x} to the shape of a reference expression {@code like} (whose value fixes any open
 * dimensions). The transpose of a sum: its VJP hands the adjoint back whole and the reverse-mode
 * driver sums it down to {@code x}'s shape. {@code like} only lends its shape and gets no gradient.
 */
public final class Expand extends Expr {
  private Expand(Expr x, Expr like) {
    super(like.shape(), List.of(x, like));
  }

  /** {@code x} broadcast to {@code like}'s shape; {@code x} itself when the shapes already agree. */
  public static Expr of(Expr x, Expr like) {
    checkNotNull(x, "expand: x is null");
    checkNotNull(like, "expand: like is null");
    if (x instanceof Expand e) {
      x = e.inputs().get(0);
    }
    checkArgument(Broadcasting.shape("expand", x.shape(), like.shape()).equals(like.shape()),
        "expand: %s does not broadcast to %s", x.shape(), like.shape());
    if (x.shape().equals(like.shape())) {
      return x;
    }
    return new Expand(x, like);
  }

  @Override
  public String opName() {
    return "expand";
  }

  @Override
  public Shape concreteShape(List<Shape> in) {
    Shape target = in.get(1);
    checkArgument(Broadcasting.shape("expand", in.get(0), target).equals(target),
        "expand: %s does not broadcast to %s", in.get(0), target);
    return target;
  }

  @Override
  public void computeInto(List<Tensor> in, double[] out) {
    Broadcasting.applyInto("expand", in.get(0), in.get(1), (p, q) -> p, out);
  }

  @Override
  public List<Optional<Expr>> vjp(Expr g) {
    return List.of(Optional.of(g), Optional.empty());
  }

  @Override
  public Expr withInputs(List<Expr> newInputs) {
    return of(newInputs.get(0), newInputs.get(1));
  }

  @Override
  public Object parameters() {
    return "expand";
  }

  @Override
  public int precedence() {
    return inputs().get(0).precedence();
  }

  /** Prints as the broadcast value: broadcasting is implicit in the notation. */
  @Override
  public String render(Notation n) {
    return n.arg(0, 0);
  }
}
