package dev.nabla.optim;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.autodiff.eval.TrainingStep;
import dev.nabla.autodiff.eval.UpdateRule;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The steps of a run on one thread: the cost, its gradient and the update (momentum, weight decay and the
 * epoch's η included) compiled as one {@link TrainingStep} that owns the parameters, in layouts of its
 * choosing, and updates them in place.
 *
 * <p><b>Sparse inputs.</b> When at most half of the dataset's input values are non-zero (MNIST's images
 * are 81% zeros), their non-zeros are found once, when the run starts ({@link SparseRows}), and each
 * batch gathers its rows' non-zeros from there; the layer's product and its fused update read them
 * without scanning the inputs. A batch's input values are then copied only when something else in the
 * cost reads them ({@link TrainingStep#readsValuesOf}); for a plain network nothing does.
 */
final class FusedSteps implements BatchSteps {
  private final TrainingStep step;
  private final BatchSampler sampler;
  private final Bindings[] bindings; // per batch kind
  private final SparseRows index; // the dataset's non-zeros, or null
  private final SparseRows rows; // the batch's, gathered from index
  private final boolean copyInputs;
  private final StepState state;
  private double eta;

  /**
   * Compiles the step over {@code cost} (checked by {@link TrainingChecks}) for the parameters in {@code
   * initial}, with decay {@code lambda} on {@code decayed}.
   */
  FusedSteps(Expr cost, Variable x, Map<Variable, Tensor> initial, Dataset data, BatchSampler sampler, Bindings[] base,
      UpdateRule rule, double lambda, Collection<Variable> decayed) {
    this.sampler = sampler;
    this.bindings = base;
    this.eta = rule.learningRate();
    TrainingStep.Builder b = TrainingStep.builder(cost, initial).rule(rule).weightDecay(lambda, decayed);
    boolean sparse = Graph.variables(List.of(cost)).contains(x) && mostlyZeros(data.inputs());
    this.index = sparse ? SparseRows.of(data.inputs()) : null;
    this.rows = sparse ? SparseRows.empty(data.inputRowSize()) : null;
    if (sparse) {
      b.sparseInput(x, rows);
    }
    this.step = b.build();
    this.copyInputs = !sparse || step.readsValuesOf(x);
    this.state = new StepState(step, this::replay);
  }

  /** Whether at most half of {@code t}'s values are non-zero. */
  private static boolean mostlyZeros(Tensor t) {
    int nonZeros = 0;
    for (double v : t.rawData()) {
      nonZeros += v != 0 ? 1 : 0;
    }
    return nonZeros <= t.size() / 2;
  }

  @Override
  public double step(int batch, double eta) {
    if (eta != this.eta) {
      step.setLearningRate(eta);
      this.eta = eta;
    }
    load(batch);
    return step.run(bindings[sampler.kind(batch)]);
  }

  /** Puts batch {@code batch}'s targets (and inputs, or their non-zeros) where the step reads them. */
  private void load(int batch) {
    sampler.fill(batch, copyInputs);
    if (rows != null) {
      sampler.gather(batch, index, rows);
    }
  }

  /** Runs the first {@code n} batches of the current epoch again (at its η), from the restored checkpoint. */
  private void replay(int n) {
    for (int batch = 0; batch < n; batch++) {
      load(batch);
      step.run(bindings[sampler.kind(batch)]);
    }
  }

  @Override
  public RunParameters parameters() {
    return state;
  }

  @Override
  public void close() {}
}
