package dev.nabla.spark;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.optim.Hyperparameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A small model for the tests: a [3 → 2 → 1] tanh network fitted to noisy targets, with the cost
 * {@code mean over rows of ‖a − y‖² + 0.001‖w1‖²} (a data term and a parameter-only term), and the
 * single-process reference computation of the trainer's steps.
 */
final class Regression {
  final Variable x = variable("x", Shape.batch(3));
  final Variable y = variable("y", Shape.batch(1));
  final Variable w1 = variable("w1", 3, 2);
  final Variable b1 = variable("b1", 2);
  final Variable w2 = variable("w2", 2, 1);
  final Expr cost;

  Regression() {
    Expr a = add(matmul(tanh(add(matmul(x, w1), b1)), w2), constant(0.1));
    cost = add(mean(sum(square(sub(a, y)), 1, false)), mul(constant(0.001), sum(square(w1))));
  }

  Map<Variable, Tensor> initial() {
    Map<Variable, Tensor> m = new LinkedHashMap<>();
    m.put(w1, Tensor.randomNormal(Shape.of(3, 2), 0, 0.5, 1));
    m.put(b1, Tensor.zeros(2));
    m.put(w2, Tensor.randomNormal(Shape.of(2, 1), 0, 0.5, 2));
    return m;
  }

  static List<Example> examples(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] in = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      out.add(Example.of(in, new double[] {Math.sin(in[0]) - 0.5 * in[1] * in[2] + 0.1 * r.nextGaussian()}));
    }
    return out;
  }

  static JavaRDD<Example> rdd(JavaSparkContext jsc, int n, int partitions) {
    return jsc.parallelize(examples(n, 7), partitions).cache();
  }

  /**
   * The trainer's steps computed in one process: the same sampled batches (Spark's own sample of the
   * same RDD with the same seeds), each evaluated whole by one plan, and the same update (η of the
   * step's epoch, weight decay λv added to the gradient).
   */
  Map<Variable, Tensor> reference(SparkGradientDescent sgd, JavaRDD<Example> data) {
    List<Variable> params = List.copyOf(initial().keySet());
    List<Expr> outputs = new ArrayList<>(List.of(cost));
    outputs.addAll(Gradients.of(cost, params));
    Plan plan = Plan.of(outputs);
    Map<Variable, Tensor> values = initial();
    double[] decay = Hyperparameters.weightDecay(sgd.weightDecay, sgd.decayed == null ? params : sgd.decayed, params);
    double[][] velocity = new double[params.size()][];
    for (int p = 0; p < params.size(); p++) {
      velocity[p] = new double[params.get(p).shape().size()];
    }
    for (int step = 1; step <= sgd.steps; step++) {
      List<Example> batch = data.sample(false, sgd.fraction, SparkGradientDescent.batchSeed(sgd.seed, step)).collect();
      if (batch.isEmpty()) {
        continue;
      }
      double[] in = new double[batch.size() * 3];
      double[] out = new double[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        System.arraycopy(batch.get(i).input(), 0, in, 3 * i, 3);
        out[i] = batch.get(i).target()[0];
      }
      Map<Variable, Tensor> bound = new LinkedHashMap<>(values);
      bound.put(x, Tensor.of(Shape.of(batch.size(), 3), in));
      bound.put(y, Tensor.of(Shape.of(batch.size(), 1), out));
      List<Tensor> result = plan.run(Bindings.of(bound));
      double eta = sgd.schedule.learningRate((step - 1) / sgd.stepsPerEpoch + 1);
      for (int p = 0; p < params.size(); p++) {
        double[] v = values.get(params.get(p)).toArray();
        double[] g = result.get(p + 1).toArray();
        for (int i = 0; i < v.length; i++) {
          velocity[p][i] = sgd.momentum * velocity[p][i] - eta * (g[i] + decay[p] * v[i]);
          v[i] += velocity[p][i];
        }
        values.put(params.get(p), Tensor.of(params.get(p).shape(), v));
      }
    }
    return values;
  }

  /** {@code rows · (a, b, c)ᵀ} for rows of three values: exact targets of a linear model. */
  static double[] linear(double[] rows, double a, double b, double c) {
    double[] out = new double[rows.length / 3];
    for (int i = 0; i < out.length; i++) {
      out[i] = a * rows[3 * i] + b * rows[3 * i + 1] + c * rows[3 * i + 2];
    }
    return out;
  }

  static void assertClose(Map<Variable, Tensor> expected, Map<Variable, Tensor> actual, double relative) {
    assertEquals(expected.size(), actual.size());
    for (Map.Entry<Variable, Tensor> e : expected.entrySet()) {
      double[] a = e.getValue().toArray();
      double[] b = actual.get(e.getKey()).toArray();
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], relative * Math.max(1, Math.abs(a[i])), e.getKey().name() + "[" + i + "]");
      }
    }
  }

  static void assertBitIdentical(Map<Variable, Tensor> expected, Map<Variable, Tensor> actual) {
    for (Map.Entry<Variable, Tensor> e : expected.entrySet()) {
      double[] a = e.getValue().toArray();
      double[] b = actual.get(e.getKey()).toArray();
      for (int i = 0; i < a.length; i++) {
        assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), e.getKey().name() + "[" + i + "]: "
            + a[i] + " vs " + b[i]);
      }
    }
  }
}
