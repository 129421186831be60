package dev.nabla.autodiff.jqwik;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Expand;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.tensor.Shape;

/**
 * One step of a generated expression graph: an operation applied to the newest node {@code x} and a
 * partner {@code y} from the pool, with a small integer {@code p} choosing axes, exponents or
 * permutations. Every step is well formed for every pair of shapes (it adapts its operands, e.g. sums
 * {@code y} to a scalar when the shapes do not broadcast). In the smooth set, operands that could
 * make values grow fast pass through {@code tanh} or {@code 1 + y²} first, so values stay moderate and
 * gradients smooth.
 */
enum GraphOp {
  NEG {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return neg(x);
    }
  },
  ADD {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return add(x, partner(x, y));
    }
  },
  SUB {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return sub(partner(x, y), x);
    }
  },
  MUL {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      Expr b = partner(x, y);
      return mul(x, smooth ? tanh(b) : b);
    }
  },
  DIV {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      Expr b = partner(x, y);
      return div(x, smooth ? add(constant(1), square(b)) : b);
    }
  },
  TANH {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return tanh(x);
    }
  },
  SIGMOID {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return sigmoid(x);
    }
  },
  EXP {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return exp(smooth ? tanh(x) : x);
    }
  },
  LOG {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return log(smooth ? add(constant(1), square(x)) : x);
    }
  },
  SQRT {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return sqrt(smooth ? add(constant(1), square(x)) : x);
    }
  },
  POW {
    private final double[] exponents = {2, 3, -1, 0.5, -0.5, 1.5, -2};

    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return pow(smooth ? add(sigmoid(x), constant(0.5)) : x, exponents[p % exponents.length]);
    }
  },
  MATMUL {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      Expr b = smooth ? tanh(y) : y;
      Expr self = smooth ? tanh(x) : x;
      int r = x.shape().rank();
      if (r == 0 || r > 2) {
        return mul(x, smooth ? tanh(sum(y)) : sum(y));
      }
      int inner = x.shape().dim(-1);
      if ((y.shape().rank() == 1 || y.shape().rank() == 2) && y.shape().dim(0) == inner) {
        return matmul(x, b);
      }
      return r == 2 ? matmul(x, transpose(self)) : matmul(x, self); // [m, k]·[k, m], or a dot product
    }
  },
  TRANSPOSE {
    private final int[][] perms3 = {{1, 0, 2}, {0, 2, 1}, {2, 1, 0}, {1, 2, 0}, {2, 0, 1}};

    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      int r = x.shape().rank();
      if (r == 3) {
        return transpose(x, perms3[p % perms3.length]);
      }
      return r == 2 ? transpose(x) : transpose(reshape(x, Shape.of(1, x.shape().size())));
    }
  },
  RESHAPE {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      int n = x.shape().size();
      if (x.shape().rank() != 1) {
        return reshape(x, Shape.of(n));
      }
      int rows = smallestFactor(n);
      return p % 2 == 0 ? reshape(x, Shape.of(rows, n / rows)) : reshape(x, Shape.of(1, n, 1));
    }
  },
  SUM {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      int r = x.shape().rank();
      return r == 0 || p % 4 == 3 ? sum(x) : sum(x, p % r, (p / r) % 2 == 1);
    }
  },
  MEAN {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      int r = x.shape().rank();
      return r == 0 || p % 4 == 3 ? mean(x) : mean(x, p % r, (p / r) % 2 == 1);
    }
  },
  SOFTMAX {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      int r = x.shape().rank();
      return r == 0 ? sigmoid(x) : softmax(x, p % r);
    }
  },
  LOG_SUM_EXP {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      int r = x.shape().rank();
      return r == 0 ? x : logSumExp(x, p % r, (p / r) % 2 == 1);
    }
  },
  EXPAND {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return broadcastsTo(x.shape(), y.shape()) ? Expand.of(x, y) : Expand.of(sum(x), y);
    }
  },
  // ---- not smooth everywhere: relu, abs and max in OperationSet.PIECEWISE_SMOOTH, the rest only in ALL ----
  RELU {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return relu(x);
    }
  },
  ABS {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return abs(x);
    }
  },
  MAX {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      int r = x.shape().rank();
      return r == 0 || p % 4 == 3 ? max(x) : max(x, p % r, (p / r) % 2 == 1);
    }
  },
  ARGMAX {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      int r = x.shape().rank();
      return r == 0 ? x : argmax(x, p % r);
    }
  },
  STOP_GRADIENT {
    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return add(stopGradient(x), partner(x, y));
    }
  },
  COMPARE {
    private final BinaryOp[] comparisons = {BinaryOp.GT, BinaryOp.GE, BinaryOp.LT, BinaryOp.LE, BinaryOp.EQ};

    @Override
    Expr apply(Expr x, Expr y, int p, boolean smooth) {
      return mul(x, Binary.of(comparisons[p % comparisons.length], x, partner(x, y)));
    }
  };

  /** The node this step adds, given the newest node {@code x}, a partner {@code y} and a parameter. */
  abstract Expr apply(Expr x, Expr y, int p, boolean smooth);

  /** {@code y} when it broadcasts with {@code x} to {@code x}'s shape, else its sum (a scalar). */
  static Expr partner(Expr x, Expr y) {
    return broadcastsTo(y.shape(), x.shape()) ? y : sum(y);
  }

  /** True when {@code from} broadcasts to exactly {@code to} (NumPy rules, aligned at the right). */
  static boolean broadcastsTo(Shape from, Shape to) {
    if (from.rank() > to.rank()) {
      return false;
    }
    for (int i = 1; i <= from.rank(); i++) {
      int f = from.dim(-i);
      if (f != 1 && f != to.dim(-i)) {
        return false;
      }
    }
    return true;
  }

  private static int smallestFactor(int n) {
    for (int f = 2; f * f <= n; f++) {
      if (n % f == 0) {
        return f;
      }
    }
    return 1;
  }
}
