package dev.nabla.autodiff.eval;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README's "Speed" example, line for line, so the README cannot drift from the code. */
class TrainingStepReadmeTest {
  @Test
  void readmeTrainingStepExampleTrainsInPlace() {
    Networks data = Networks.seeds();
    Tensor images = data.inputs(1000, 1);   // [N, 784], about 81% zeros
    Tensor labels = data.targets(1000, 2);  // [N, 10], one-hot
    // --- README: training step ---
    Variable x = variable("x", Shape.batch(784));
    Variable y = variable("y", Shape.batch(10));
    Variable w1 = variable("w1", 30, 784);
    Variable b1 = variable("b1", 30);
    Variable w2 = variable("w2", 10, 30);
    Variable b2 = variable("b2", 10);
    Expr a2 = sigmoid(add(matmul(sigmoid(add(matmul(x, transpose(w1)), b1)), transpose(w2)), b2));
    Expr cost = div(sum(square(sub(a2, y))), mul(constant(2), Count.of(a2, 0)));   // 1/(2n) Σ‖a − y‖²
    Map<Variable, Tensor> start = new LinkedHashMap<>();
    start.put(w1, Tensor.randomNormal(Shape.of(30, 784), 0, 1, 1));
    start.put(b1, Tensor.randomNormal(Shape.of(30), 0, 1, 2));
    start.put(w2, Tensor.randomNormal(Shape.of(10, 30), 0, 1, 3));
    start.put(b2, Tensor.randomNormal(Shape.of(10), 0, 1, 4));

    SparseRows index = SparseRows.of(images);            // the images' non-zeros, found once
    SparseRows batchRows = SparseRows.empty(784);        // a batch's, gathered from the index
    TrainingStep step = TrainingStep.builder(cost, start).rule(UpdateRule.gradientDescent(3.0))
        .sparseInput(x, batchRows).build();
    int[] order = new int[1000];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;                                      // shuffle it each epoch
    }
    double[] targets = new double[10 * 10];
    Bindings batch = Bindings.of(x, Tensor.zeros(10, 784), y, Tensor.wrap(Shape.of(10, 10), targets));
    for (int from = 0; from < 1000; from += 10) {
      batchRows.gather(index, order, from, from + 10);   // the layer reads x through these rows,
      for (int r = 0; r < 10; r++) {                     // so x's values need not be copied
        System.arraycopy(labels.rawData(), order[from + r] * 10, targets, r * 10, 10);
      }
      double c = step.run(batch);                        // C before the update; updates in place
    }
    Map<Variable, Tensor> trained = step.parameters();   // copies, in your shapes: w1 is [30, 784]
    System.out.println(step);                            // the program, its layouts and its updates
    // --- end ---
    assertEquals(Shape.of(30, 784), trained.get(w1).shape());
    assertTrue(!step.readsValuesOf(x));
    assertTrue(!trained.get(w1).equals(start.get(w1)));
  }
}
