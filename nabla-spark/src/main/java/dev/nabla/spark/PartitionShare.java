package dev.nabla.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.NonFiniteValueException;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs on an executor: the sum, over one partition's sampled examples, of the cost and its gradient at
 * the broadcast parameters. The examples are evaluated in chunks of up to {@code chunkRows} rows with
 * the executor's compiled plan; the cost is a mean over a chunk's rows, so each chunk's values are
 * weighted by its row count, which makes the shares add up to the batch's sums.
 */
final class PartitionShare {
  private PartitionShare() {}

  static Share compute(ShippedCost cost, double[][] parameters, int chunkRows, Iterator<Example> examples) {
    ExecutorPlans.Compiled compiled = ExecutorPlans.of(cost);
    double[] sums = new double[cost.sumLength()];
    if (!examples.hasNext()) {
      return new Share(0, sums);
    }
    Map<Variable, Tensor> bound = new HashMap<>();
    for (int p = 0; p < parameters.length; p++) {
      bound.put(compiled.parameters.get(p), Tensor.wrap(cost.parameterShape(p), parameters[p]));
    }
    double[] inputs = new double[chunkRows * cost.inputRow];
    double[] targets = new double[chunkRows * cost.targetRow];
    long rows = 0;
    Plan plan = compiled.borrow();
    try {
      while (examples.hasNext()) {
        int n = 0;
        while (n < chunkRows && examples.hasNext()) {
          Example e = examples.next();
          checkArgument(e.rawInput().length == cost.inputRow && e.rawTarget().length == cost.targetRow,
              "an example has %s input and %s target values; the cost's variables '%s' and '%s' take rows of %s and %s",
              e.rawInput().length, e.rawTarget().length, cost.input, cost.target, cost.inputRow, cost.targetRow);
          System.arraycopy(e.rawInput(), 0, inputs, n * cost.inputRow, cost.inputRow);
          System.arraycopy(e.rawTarget(), 0, targets, n * cost.targetRow, cost.targetRow);
          n++;
        }
        bound.put(compiled.input, rows(compiled.input.shape(), n, inputs));
        bound.put(compiled.target, rows(compiled.target.shape(), n, targets));
        List<Tensor> out;
        try {
          out = plan.run(Bindings.of(bound));
        } catch (NonFiniteValueException e) {
          // not the task's fault, so not Spark's to retry: the driver sees the NaN and stops training
          sums[0] = Double.NaN;
          return new Share(rows + n, sums);
        }
        int at = 0;
        for (Tensor t : out) {
          for (double v : t.rawData()) {
            sums[at++] += n * v;
          }
        }
        rows += n;
      }
    } finally {
      compiled.release(plan);
    }
    return new Share(rows, sums);
  }

  /** The first {@code n} rows of {@code buffer} as a batch of {@code shape}. */
  private static Tensor rows(Shape shape, int n, double[] buffer) {
    Shape s = shape.withDim(0, n);
    int size = s.size();
    return Tensor.wrap(s, size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, size));
  }
}
