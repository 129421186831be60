package dev.nabla.autodiff.eval;

import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.MatMul;
import dev.nabla.autodiff.graph.Power;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.kernel.Activation;
import dev.nabla.autodiff.tensor.Shape;

/**
 * The patterns a plan fuses into one instruction, wherever they occur in a graph (a user's own network
 * and cost as much as the built-in layers): the pattern is in the expressions, not in who wrote them.
 *
 * <ul>
 *   <li><b>A layer</b>: {@code act(op(a)·op(b) + bias)} with {@code act} sigmoid, tanh or relu (or none),
 *       {@code bias} a row of the product's width ({@code [n]} or {@code [1, n]}) or absent. The product
 *       and the sum are absorbed when nothing else reads them; a sum that something else reads (relu's
 *       backward pass reads its input) is kept as a second output.
 *   <li><b>The backward pass through an activation</b>, taking the derivative from the forward value as the
 *       gradients are written: {@code g ⊙ (y ⊙ (1 − y))} (sigmoid), {@code g ⊙ (1 − y²)} (tanh), {@code g ⊙
 *       step(z)} (relu), either operand order. The derivative's node must have no other reader; the
 *       nodes below it ({@code 1 − y}, {@code y²}) are absorbed when nothing else reads them and are
 *       otherwise computed for their other readers, the fused loop recomputing them from y.
 * </ul>
 * A fused instruction computes what the nodes would, in their order, so fusing changes no value.
 */
final class Fusion {
  private Fusion() {}

  /**
   * A layer pattern rooted at some slot: the product's slot, the bias slot or −1, the activation, the
   * sum's slot or −1, and whether that sum must be kept (something besides the activation reads it).
   */
  record Layer(int product, int bias, Activation act, int sum, boolean keepSum) {
    /** The slot that keeps the pre-activation, or −1. */
    int kept() {
      return keepSum ? sum : -1;
    }
  }

  /** An activation's backward pattern: the slot of g, of the value the derivative is taken from, and which derivative. */
  record Backward(int g, int value, Activation act) {}

  /** The activation {@code node} applies, or null. */
  static Activation activationOf(Expr node) {
    if (node instanceof Unary u) {
      return switch (u.op()) {
        case SIGMOID -> Activation.SIGMOID;
        case TANH -> Activation.TANH;
        case RELU -> Activation.RELU;
        default -> null;
      };
    }
    return null;
  }

  /**
   * The layer rooted at {@code slot} (an activation, a bias add or a product), or null. {@code absorbed}
   * says which slots another pattern already took.
   */
  static Layer layer(Schedule s, Shape[] shapes, int slot, boolean[] absorbed) {
    Expr node = s.node(slot);
    Activation act = activationOf(node);
    int sum = slot;
    if (act != null) {
      sum = s.inputs[slot][0];
    } else {
      act = Activation.IDENTITY;
    }
    if (s.node(sum) instanceof MatMul) {
      return sum == slot || s.onlyFeeds(sum) && !absorbed[sum] ? new Layer(sum, -1, act, -1, false) : null;
    }
    if (!(s.node(sum) instanceof Binary b && b.op() == BinaryOp.ADD) || sum != slot && absorbed[sum]) {
      return null;
    }
    for (int side = 0; side < 2; side++) {
      int product = s.inputs[sum][side];
      int bias = s.inputs[sum][1 - side];
      if (s.node(product) instanceof MatMul && s.onlyFeeds(product) && !absorbed[product]
          && isRowOf(shapes[bias], shapes[product]) && shapes[sum].equals(shapes[product])) {
        return new Layer(product, bias, act, sum == slot ? -1 : sum, sum != slot && !s.onlyFeeds(sum));
      }
    }
    return null;
  }

  /** Whether {@code bias} is a row {@code [n]} or {@code [1, n]} for the rows of the matrix {@code product} [m, n]. */
  private static boolean isRowOf(Shape bias, Shape product) {
    int n = product.dim(1);
    return bias.rank() == 1 && bias.dim(0) == n || bias.rank() == 2 && bias.dim(0) == 1 && bias.dim(1) == n;
  }

  /** The activation backward pattern rooted at {@code slot} (a product g ⊙ d), or null. */
  static Backward backward(Schedule s, Shape[] shapes, int slot, boolean[] absorbed) {
    if (!(s.node(slot) instanceof Binary b && b.op() == BinaryOp.MUL)) {
      return null;
    }
    for (int side = 0; side < 2; side++) {
      int g = s.inputs[slot][side];
      int d = s.inputs[slot][1 - side];
      if (!s.onlyFeeds(d) || absorbed[d] || !shapes[g].equals(shapes[slot]) || !shapes[d].equals(shapes[slot])) {
        continue;
      }
      Backward found = derivative(s, shapes, g, d);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Which derivative the node in slot {@code d} is, given {@code g}: y·(1 − y), 1 − y², step(z); or null. */
  private static Backward derivative(Schedule s, Shape[] shapes, int g, int d) {
    Expr node = s.node(d);
    if (node instanceof Unary u && u.op() == UnaryOp.STEP) {
      return new Backward(g, s.inputs[d][0], Activation.RELU);
    }
    if (node instanceof Binary b && b.op() == BinaryOp.MUL) { // y·(1 − y), either order
      for (int side = 0; side < 2; side++) {
        int y = s.inputs[d][side];
        int oneMinus = s.inputs[d][1 - side];
        if (shapes[y].equals(shapes[d]) && oneMinus(s, oneMinus) == y) {
          return new Backward(g, y, Activation.SIGMOID);
        }
      }
    }
    int square = oneMinus(s, d); // 1 − y²
    if (square >= 0 && s.node(square) instanceof Power p && p.exponent() == 2) {
      int y = s.inputs[square][0];
      if (shapes[y].equals(shapes[d])) {
        return new Backward(g, y, Activation.TANH);
      }
    }
    return null;
  }

  /** For the node {@code 1 − x} (a scalar constant 1 minus x) in {@code slot}, x's slot; else −1. */
  private static int oneMinus(Schedule s, int slot) {
    if (s.node(slot) instanceof Binary b && b.op() == BinaryOp.SUB && s.node(s.inputs[slot][0]) instanceof Constant c
        && c.value().shape().isScalar() && c.isAll(1)) {
      return s.inputs[slot][1];
    }
    return -1;
  }
}
