package dev.nabla.optim;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The optimisers' example in README.md, line for line. */
class ReadmeExampleTest {
  @Test
  void readmeMinimisesTheValleyAndFitsALinearModel() {
    Random random = new Random(7);
    double[][] rows = new double[1000][3];
    double[][] ys = new double[1000][1];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < 3; j++) {
        rows[i][j] = random.nextGaussian();
      }
      ys[i][0] = 2 * rows[i][0] - rows[i][1] + 0.5 * rows[i][2] + 0.3;
    }
    Tensor inputs = Tensor.of(rows);
    Tensor targets = Tensor.of(ys);

    // --- README: optimisers ---
    // plain gradient descent on the seeds' valley C(v) = v₁² + 2v₂²
    Variable v = variable("v", 2);
    Expr valley = sum(mul(constant(Tensor.of(1, 2)), square(v)));
    MinimizationResult r = GradientDescent.builder().learningRate(0.1).maxSteps(500).gradientTolerance(1e-10).build()
        .minimize(valley, Map.of(v, Tensor.of(1, 1)));
    System.out.println(r.parameters().get(v) + " after " + r.steps() + " steps");   // ≈ [0, 0]

    // mini-batch SGD with momentum fitting y ≈ x·w + b; the cost is the batch mean 1/(2n) Σ‖y − a‖²
    Variable x = variable("x", Shape.batch(3));
    Variable y = variable("y", Shape.batch(1));
    Variable w = variable("w", 3, 1);
    Variable b = variable("b", 1);
    Expr cost = div(sum(square(sub(y, add(matmul(x, w), b)))), mul(constant(2), count(x, 0)));
    Map<Variable, Tensor> start = new LinkedHashMap<>(Map.of(w, Tensor.zeros(3, 1), b, Tensor.zeros(1)));
    TrainingResult t = MiniBatchGradientDescent.builder().learningRate(0.05).batchSize(10).epochs(20).seed(42).momentum(0.9)
        .build().train(cost, x, y, start, new Dataset(inputs, targets));
    System.out.println(t.parameters().get(w) + " " + t.parameters().get(b));       // ≈ [[2], [-1], [0.5]] [0.3]
    // --- end ---

    assertArrayEquals(new double[] {0, 0}, r.parameters().get(v).toArray(), 1e-9);
    assertArrayEquals(new double[] {2, -1, 0.5}, t.parameters().get(w).toArray(), 1e-6);
    assertEquals(0.3, t.parameters().get(b).item(), 1e-6);
  }

  @Test
  void readmeParallelismSplitsEachBatchAndRerunsBitIdentically() {
    LinearRegression lr = LinearRegression.threeInputs(1000, 7);
    Variable x = lr.x;
    Variable y = lr.y;
    Expr cost = lr.cost;
    Map<Variable, Tensor> start = lr.zeros();
    Dataset data = lr.data;

    // --- README: parallelism ---
    MiniBatchGradientDescent sgd = MiniBatchGradientDescent.builder().learningRate(0.5).batchSize(100).epochs(20).seed(42)
        .parallelism(2)                                           // each batch of 100 as two shards of 50 rows, on two threads
        .build();
    TrainingResult once = sgd.train(cost, x, y, start, data);
    TrainingResult twice = sgd.train(cost, x, y, start, data);
    System.out.println(once.parameters().equals(twice.parameters()));   // true: the same seed and n give the same bits
    // --- end ---

    assertEquals(once.parameters(), twice.parameters());
    assertArrayEquals(lr.trueWeights, once.parameters().get(lr.w).toArray(), 1e-9);
    TrainingResult oneThread = MiniBatchGradientDescent.builder().learningRate(0.5).batchSize(100).epochs(20).seed(42).build()
        .train(cost, x, y, start, data);
    for (Variable v : start.keySet()) {
      assertTrue(oneThread.parameters().get(v).isCloseTo(once.parameters().get(v), 1e-12, 1e-12), v.name());
    }
  }
}
