package dev.nabla.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.io.GraphFile;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's checkpoints in a directory on the driver: {@code cost.graph}, the shipped cost, written once,
 * and {@code checkpoint.graph}, the state after the latest checkpointed step, replaced atomically each
 * time. Both are graph files: the state is a set of constants ({@code step}, {@code parameter <name>},
 * {@code velocity <name>}, and the running epoch's cost sum and example count), so it is readable and
 * its values are exact.
 */
final class Checkpoints {
  static final String COST_FILE = "cost.graph";
  static final String STATE_FILE = "checkpoint.graph";

  private Checkpoints() {}

  /** The training state at the end of a step. */
  record State(int step, double[][] parameters, double[][] velocity, double epochCostSum, long epochExamples) {}

  /**
   * The state saved in {@code dir}, or null when there is none yet; writes {@code cost.graph} on the
   * first call.
   *
   * @throws IllegalArgumentException when the directory holds another cost's checkpoint, or a state whose
   *     parameters do not fit
   */
  static State resume(Path dir, ShippedCost cost) throws IOException {
    Files.createDirectories(dir);
    Path costFile = dir.resolve(COST_FILE);
    Path stateFile = dir.resolve(STATE_FILE);
    if (!Files.exists(costFile)) {
      checkArgument(!Files.exists(stateFile), "checkpoint directory %s has %s but no %s; it was not written by this "
          + "trainer", dir, STATE_FILE, COST_FILE);
      GraphFile.parse(cost.graph, "the shipped cost").save(costFile);
      return null;
    }
    checkArgument(Arrays.equals(Files.readAllBytes(costFile), cost.graph), "checkpoint directory %s belongs to another "
        + "cost (its %s differs from this run's cost and gradients); use another directory, or delete this one to start "
        + "afresh", dir, COST_FILE);
    if (!Files.exists(stateFile)) {
      return null;
    }
    GraphFile state = GraphFile.load(stateFile);
    int step = (int) scalar(state, "step");
    int n = cost.parameters.size();
    double[][] params = new double[n][];
    double[][] velocity = state.outputs().containsKey(velocityName(cost, 0)) ? new double[n][] : null;
    for (int p = 0; p < n; p++) {
      params[p] = tensor(state, parameterName(cost, p), cost.parameterShape(p), stateFile);
      if (velocity != null) {
        velocity[p] = tensor(state, velocityName(cost, p), cost.parameterShape(p), stateFile);
      }
    }
    return new State(step, params, velocity, scalar(state, "epoch cost sum"), (long) scalar(state, "epoch examples"));
  }

  /** Replaces the state in {@code dir} atomically. */
  static void save(Path dir, ShippedCost cost, State s) throws IOException {
    Map<String, Expr> outputs = new LinkedHashMap<>();
    outputs.put("step", Constant.of(s.step()));
    outputs.put("epoch cost sum", Constant.of(s.epochCostSum()));
    outputs.put("epoch examples", Constant.of(s.epochExamples()));
    for (int p = 0; p < cost.parameters.size(); p++) {
      Shape shape = cost.parameterShape(p);
      outputs.put(parameterName(cost, p), Constant.of(Tensor.wrap(shape, s.parameters()[p])));
      if (s.velocity() != null) {
        outputs.put(velocityName(cost, p), Constant.of(Tensor.wrap(shape, s.velocity()[p])));
      }
    }
    GraphFile.of(outputs).save(dir.resolve(STATE_FILE));
  }

  private static String parameterName(ShippedCost cost, int p) {
    return "parameter " + cost.parameters.get(p);
  }

  private static String velocityName(ShippedCost cost, int p) {
    return "velocity " + cost.parameters.get(p);
  }

  private static double scalar(GraphFile state, String name) {
    return ((Constant) state.output(name)).value().item();
  }

  private static double[] tensor(GraphFile state, String name, Shape shape, Path file) {
    Expr e = state.output(name);
    checkArgument(e instanceof Constant && e.shape().equals(shape), "%s: %s has shape %s, the run's parameter has %s",
        file, name, e.shape(), shape);
    return ((Constant) e).value().toArray();
  }
}
