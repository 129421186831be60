package dev.nabla.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.nabla.autodiff.Nabla.add;
import static dev.nabla.autodiff.Nabla.constant;
import static dev.nabla.autodiff.Nabla.div;
import static dev.nabla.autodiff.Nabla.exp;
import static dev.nabla.autodiff.Nabla.log;
import static dev.nabla.autodiff.Nabla.mul;
import static dev.nabla.autodiff.Nabla.neg;
import static dev.nabla.autodiff.Nabla.relu;
import static dev.nabla.autodiff.Nabla.square;
import static dev.nabla.autodiff.Nabla.stopGradient;
import static dev.nabla.autodiff.Nabla.sub;
import static dev.nabla.autodiff.Nabla.sum;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;

/** The built-in costs behind {@link Cost}'s constants; see there for the formulas. */
enum StandardCost implements Cost {
  QUADRATIC("quadratic cost") {
    @Override
    Expr build(Expr a, Expr y) {
      return div(sum(square(sub(y, a))), mul(constant(2), examples(a)));
    }
  },
  CROSS_ENTROPY("cross-entropy cost") {
    @Override
    Expr build(Expr a, Expr y) {
      Expr perElement;
      if (a instanceof Unary u && u.op() == UnaryOp.SIGMOID) {
        Expr z = u.inputs().get(0);
        // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = softplus(z) − y·z
        perElement = sub(softplus(z), mul(y, z));
      } else {
        Expr one = constant(1);
        perElement = neg(add(mul(y, log(a)), mul(sub(one, y), log(sub(one, a)))));
      }
      return div(sum(perElement), examples(a));
    }
  },
  LOG_LIKELIHOOD("log-likelihood cost") {
    @Override
    Expr build(Expr a, Expr y) {
      Expr logA = a instanceof Unary u && u.op() == UnaryOp.EXP ? u.inputs().get(0) : log(a);
      return div(neg(sum(mul(y, logA))), examples(a));
    }
  };

  private final String description;

  StandardCost(String description) {
    this.description = description;
  }

  abstract Expr build(Expr output, Expr targets);

  @Override
  public Expr apply(Expr output, Expr targets) {
    checkNotNull(output, "%s: output", description);
    checkNotNull(targets, "%s: targets", description);
    checkArgument(output.shape().rank() >= 1 && output.shape().equals(targets.shape()),
        "%s: output %s and targets %s must have the same shape, one example per row", description,
        output.shape(), targets.shape());
    return build(output, targets);
  }

  /** The number of examples n: the size of axis 0 (open or not), or 1 for a single example. */
  static Expr examples(Expr output) {
    return output.shape().rank() >= 2 ? Count.of(output, 0) : constant(1);
  }

  /**
   * {@code ln(1 + eᶻ)} as {@code m + ln(e⁻ᵐ + e^(z−m))} with {@code m = max(z, 0)} held constant for
   * differentiation: no overflow for large {@code z}, and the gradient is exactly σ(z) (the value does
   * not depend on {@code m}), with no kink at 0.
   */
  static Expr softplus(Expr z) {
    Expr m = stopGradient(relu(z));
    return add(m, log(add(exp(neg(m)), exp(sub(z, m)))));
  }

  @Override
  public String toString() {
    return description;
  }
}
