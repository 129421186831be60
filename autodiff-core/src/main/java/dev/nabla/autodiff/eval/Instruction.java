package dev.nabla.autodiff.eval;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.kernel.Activation;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * One step of a specialised program ({@link Program}): it reads the values of some slots and writes the
 * buffer of its own slot (and, for a fused product that keeps its pre-activation, one more). Values are
 * looked up in the run's table on every run, since bound inputs change between runs; everything else (shapes,
 * sizes, kernels) is fixed when the instruction is made.
 */
abstract class Instruction {
  static final int[] NONE = {};

  /** The slot whose value this instruction computes. */
  final int slot;
  /** The slots it reads. */
  final int[] reads;

  Instruction(int slot, int[] reads) {
    this.slot = slot;
    this.reads = reads;
  }

  /** Computes this instruction's outputs from {@code values} (indexed by slot) into their buffers. */
  abstract void execute(Tensor[] values);

  /** Slots written besides {@link #slot}. */
  int[] alsoWrites() {
    return NONE;
  }

  /** The operation, as the program listing prints it, e.g. {@code sigmoid(matmul[transB] x w1 + b1)}. */
  abstract String describe(Schedule schedule);

  /** How a listing names the value in {@code slot}: a variable's name, else {@code %slot}. */
  static String name(Schedule schedule, int slot) {
    return schedule.node(slot) instanceof Variable v ? v.name() : "%" + slot;
  }

  /** A primitive's own kernel, {@link Expr#computeInto}: every node no fusion covers. */
  static final class Node extends Instruction {
    private final Expr node;
    private final Tensor[] args;
    private final List<Tensor> argList;

    Node(Expr node, int slot, int[] reads) {
      super(slot, reads);
      this.node = node;
      this.args = new Tensor[reads.length];
      this.argList = Arrays.asList(args);
    }

    @Override
    void execute(Tensor[] values) {
      for (int j = 0; j < reads.length; j++) {
        args[j] = values[reads[j]];
      }
      node.computeInto(argList, values[slot].rawData());
    }

    @Override
    String describe(Schedule schedule) {
      StringBuilder sb = new StringBuilder(node.opName());
      for (int s : reads) {
        sb.append(' ').append(name(schedule, s));
      }
      return sb.toString();
    }
  }

  /**
   * {@code g ⊙ act′}: the backward pass through an activation, {@code g·(y·(1 − y))} for a sigmoid's
   * output y, {@code g·(1 − y²)} for tanh, {@code g·step(z)} for relu, in one loop instead of the two or
   * three elementwise nodes the gradient is written with (and in their order, so no bit changes).
   */
  static final class ActivationBackward extends Instruction {
    private final Kernels kernels;
    private final Activation act;

    ActivationBackward(Kernels kernels, Activation act, int slot, int g, int yOrZ) {
      super(slot, new int[] {g, yOrZ});
      this.kernels = kernels;
      this.act = act;
    }

    @Override
    void execute(Tensor[] values) {
      double[] out = values[slot].rawData();
      kernels.activationBackward(act, values[reads[0]].rawData(), values[reads[1]].rawData(), out, out.length);
    }

    @Override
    String describe(Schedule schedule) {
      String g = name(schedule, reads[0]);
      String v = name(schedule, reads[1]);
      return switch (act) {
        case SIGMOID -> "fused[" + g + " * (" + v + " * (1 - " + v + "))]";
        case TANH -> "fused[" + g + " * (1 - " + v + "^2)]";
        case RELU -> "fused[" + g + " * step(" + v + ")]";
        case IDENTITY -> g;
      };
    }
  }
}
