package dev.nabla.optim;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a training run as {@link Divergence} needs them: to find the last finite values when
 * a run goes NaN or infinite. The fused step's ({@link StepState}) and a parallel run's ({@link
 * ParameterBuffers}) implement it.
 */
interface RunParameters {
  /** The parameter variables, in the order of the initial map. */
  List<Variable> variables();

  /** The index of the first parameter whose current value is not all finite, or −1. */
  int firstNonFinite();

  /**
   * Makes the values from before update {@code latestUpdate} (the latest one) current, and returns whether
   * they are all finite. When they are not, the current values are left undefined for {@link
   * #restoreCheckpoint} to replace.
   */
  boolean revertToBeforeLatestUpdate(int latestUpdate);

  /** Saves the current values (known to be finite) as those after step {@code step}. */
  void checkpoint(int step);

  /** Makes the values saved by the last {@link #checkpoint} current; returns that checkpoint's step. */
  int restoreCheckpoint();

  /** A copy of the current values, in order, that later steps do not change. */
  Map<Variable, Tensor> snapshot();
}
