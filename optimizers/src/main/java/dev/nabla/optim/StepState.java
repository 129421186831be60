package dev.nabla.optim;

import dev.nabla.autodiff.eval.TrainingStep;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The parameters of a {@link TrainingStep} as {@link Divergence} needs them. The step updates its
 * parameters in place, so the values before an update are not kept beside the new ones (that would cost
 * a copy of every parameter on every step). They are found again when needed, which is only when a run
 * diverges: from the last {@link #checkpoint}, the steps taken since are run again, which gives the same
 * bits (the same data, order, η and kernels), up to the one before the latest update.
 */
final class StepState implements RunParameters {
  private final TrainingStep step;
  private final IntConsumer replay;
  private int checkpointStep;

  /**
   * @param replay runs the first {@code n} steps after the checkpoint again, on the restored values (with
   *     a checkpoint before every update, as {@link GradientDescent} keeps, {@code n} is always 0)
   */
  StepState(TrainingStep step, IntConsumer replay) {
    this.step = step;
    this.replay = replay;
  }

  @Override
  public List<Variable> variables() {
    return step.parameterVariables();
  }

  @Override
  public int firstNonFinite() {
    Variable bad = step.firstNonFiniteParameter();
    return bad == null ? -1 : step.parameterVariables().indexOf(bad);
  }

  @Override
  public boolean revertToBeforeLatestUpdate(int latestUpdate) {
    step.restoreCheckpoint();
    replay.accept(latestUpdate - 1 - checkpointStep);
    return step.firstNonFiniteParameter() == null;
  }

  @Override
  public void checkpoint(int stepNumber) {
    step.checkpoint();
    checkpointStep = stepNumber;
  }

  @Override
  public int restoreCheckpoint() {
    step.restoreCheckpoint();
    return checkpointStep;
  }

  @Override
  public Map<Variable, Tensor> snapshot() {
    return step.parameters();
  }
}
