package dev.nabla.autodiff.eval;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.kernel.PackedMatrix;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training step's parameters in the layouts {@link StepLayout} chose, with their velocities and weight
 * decays: the buffers the step owns and updates in place, the conversions to and from the caller's
 * tensors, and a saved copy of them all ({@link #checkpoint}) to return to.
 */
final class StepParameters {
  private final List<StepLayout.Choice> choices;
  private final boolean momentum;
  /** λ per parameter, 0 for none. */
  private final double[] decay;
  /** Per parameter: its user-layout array (null when packed), its packed matrix (or null), its velocities. */
  private final double[][] plain;
  private final PackedMatrix[] packed;
  private final double[][] plainVelocity;
  private final PackedMatrix[] packedVelocity;
  private final Map<Variable, Program.PackedParameter> packedByVariable = new IdentityHashMap<>();
  /** Every array above that holds a value or a velocity, and its saved copy (made on the first checkpoint). */
  private final List<double[]> state = new java.util.ArrayList<>();
  private double[][] saved;

  StepParameters(List<StepLayout.Choice> choices, boolean momentum, double[] decay) {
    this.choices = choices;
    this.momentum = momentum;
    this.decay = decay;
    int n = choices.size();
    plain = new double[n][];
    packed = new PackedMatrix[n];
    plainVelocity = new double[n][];
    packedVelocity = new PackedMatrix[n];
    for (int i = 0; i < n; i++) {
      StepLayout.Choice c = choices.get(i);
      if (c.packed()) {
        int k = c.shape().dim(c.transposed() ? 1 : 0);
        int cols = c.shape().dim(c.transposed() ? 0 : 1);
        packed[i] = PackedMatrix.zeros(k, cols);
        packedVelocity[i] = momentum ? PackedMatrix.zeros(k, cols) : null;
        packedByVariable.put(c.parameter(), new Program.PackedParameter(packed[i], c.transposed()));
        state.add(packed[i].data());
        if (momentum) {
          state.add(packedVelocity[i].data());
        }
      } else {
        plain[i] = new double[c.shape().size()];
        plainVelocity[i] = momentum ? new double[plain[i].length] : null;
        state.add(plain[i]);
        if (momentum) {
          state.add(plainVelocity[i]);
        }
      }
    }
  }

  /** Saves every value and velocity; {@link #restore} returns to them. Allocates on the first call only. */
  void checkpoint() {
    if (saved == null) {
      saved = new double[state.size()][];
      for (int i = 0; i < saved.length; i++) {
        saved[i] = new double[state.get(i).length];
      }
    }
    for (int i = 0; i < saved.length; i++) {
      System.arraycopy(state.get(i), 0, saved[i], 0, saved[i].length);
    }
  }

  /** Whether {@link #checkpoint} has saved the values. */
  boolean hasCheckpoint() {
    return saved != null;
  }

  /** Makes the values and velocities saved by the last {@link #checkpoint} current again. */
  void restore() {
    for (int i = 0; i < saved.length; i++) {
      System.arraycopy(saved[i], 0, state.get(i), 0, saved[i].length);
    }
  }

  /** The packed parameters, for the program's products. */
  Map<Variable, Program.PackedParameter> packedByVariable() {
    return packedByVariable;
  }

  /** A view of parameter {@code i}'s buffer in the caller's layout, or null when it is packed. */
  Tensor view(int i) {
    return plain[i] == null ? null : Tensor.wrap(choices.get(i).shape(), plain[i]);
  }

  /**
   * The update of each parameter, reading the program's values: fused into the gradient's product, from
   * a stored gradient into the packed layout, or from a stored gradient in the caller's layout.
   */
  Update[] updates(Schedule schedule, Program program, Kernels kernels, Program.Layouts layouts) {
    Update[] updates = new Update[choices.size()];
    int output = 1;
    int extra = 0;
    for (int i = 0; i < updates.length; i++) {
      StepLayout.Choice c = choices.get(i);
      if (c.fused()) {
        int a = schedule.extraRootSlots[extra++];
        int g = schedule.extraRootSlots[extra++];
        Variable x = schedule.node(a) instanceof Variable v ? v : null;
        SparseRows rows = x == null ? null : layouts.sparse().get(x);
        updates[i] = new Update.Fused(kernels, decay[i], packed[i], packedVelocity[i], a, g, program.shape(a).dim(0), rows,
            !layouts.valuesUnread().contains(x));
      } else if (c.packed()) {
        updates[i] = new Update.Unpacked(kernels, decay[i], packed[i], packedVelocity[i], c.transposed(),
            schedule.outputSlots[output++]);
      } else {
        updates[i] = new Update.Plain(kernels, decay[i], plain[i], plainVelocity[i], schedule.outputSlots[output++]);
      }
    }
    return updates;
  }

  /** The current values, copied into the caller's shapes, in order. */
  Map<Variable, Tensor> snapshot() {
    ImmutableMap.Builder<Variable, Tensor> out = ImmutableMap.builderWithExpectedSize(choices.size());
    for (int i = 0; i < choices.size(); i++) {
      StepLayout.Choice c = choices.get(i);
      double[] values = new double[c.shape().size()];
      if (packed[i] != null) {
        packed[i].copyTo(values, c.transposed());
      } else {
        System.arraycopy(plain[i], 0, values, 0, values.length);
      }
      out.put(c.parameter(), Tensor.wrap(c.shape(), values));
    }
    return out.build();
  }

  /** Replaces every value (checked first: present, of the parameter's shape, finite) and zeroes the velocities. */
  void set(Map<Variable, Tensor> values) {
    checkNotNull(values, "parameter values");
    for (StepLayout.Choice c : choices) {
      Tensor t = values.get(c.parameter());
      checkArgument(t != null, "no value for parameter '%s'", c.parameter().name());
      checkArgument(t.shape().equals(c.shape()), "parameter '%s' has shape %s but the value given has shape %s",
          c.parameter().name(), c.shape(), t.shape());
      checkArgument(t.isFinite(), "the value of parameter '%s' %s contains NaN or infinity", c.parameter().name(), t.shape());
    }
    for (int i = 0; i < choices.size(); i++) {
      double[] v = values.get(choices.get(i).parameter()).rawData();
      if (packed[i] != null) {
        packed[i].copyFrom(v, choices.get(i).transposed());
        if (packedVelocity[i] != null) {
          Arrays.fill(packedVelocity[i].data(), 0.0);
        }
      } else {
        System.arraycopy(v, 0, plain[i], 0, v.length);
        if (plainVelocity[i] != null) {
          Arrays.fill(plainVelocity[i], 0.0);
        }
      }
    }
  }

  /** The first parameter holding a NaN or an infinity, or null. */
  Variable firstNonFinite() {
    for (int i = 0; i < choices.size(); i++) {
      for (double x : packed[i] != null ? packed[i].data() : plain[i]) {
        if (!Double.isFinite(x)) {
          return choices.get(i).parameter();
        }
      }
    }
    return null;
  }

  /** One line per parameter for the step's listing: its layout and its update. */
  String describeUpdates(Schedule schedule) {
    StringBuilder sb = new StringBuilder();
    int output = 1;
    int extra = 0;
    for (int i = 0; i < choices.size(); i++) {
      StepLayout.Choice c = choices.get(i);
      String name = c.parameter().name();
      sb.append("  update ").append(name);
      if (c.packed()) {
        sb.append(" (packed as ").append(name).append(c.transposed() ? "ᵀ " : " ").append(packed[i].rows()).append('x')
            .append(packed[i].ld()).append(')');
      }
      if (c.fused()) {
        String a = Instruction.name(schedule, schedule.extraRootSlots[extra++]);
        String g = Instruction.name(schedule, schedule.extraRootSlots[extra++]);
        sb.append(" += -η·").append(a).append("ᵀ·").append(g).append("   (fused: ∇").append(name).append(" is not stored)");
      } else {
        sb.append(" += -η·").append(Instruction.name(schedule, schedule.outputSlots[output++]));
      }
      if (decay[i] != 0) {
        sb.append(", with weight decay λ = ").append(decay[i]);
      }
      sb.append(momentum ? ", with momentum\n" : "\n");
    }
    return sb.toString();
  }
}
