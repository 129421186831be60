package dev.nabla.nn;

import static dev.nabla.autodiff.Nabla.constant;
import static dev.nabla.autodiff.Nabla.log;
import static dev.nabla.autodiff.Nabla.square;
import static dev.nabla.autodiff.Nabla.sub;
import static dev.nabla.autodiff.Nabla.variable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.check.GradientCheck;
import dev.nabla.autodiff.check.GradientReport;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet offered for the README, run as written (with random images standing in for MNIST). */
class ReadmeExampleTest {
  @TempDir
  Path dir;

  @Test
  void theReadmeSnippetBuildsANetworkChecksACustomCostAndRoundTripsTheFile() throws IOException {
    Tensor images = Tensor.randomUniform(Shape.of(10, 784), 0, 1, 1);
    int[] labels = new Random(2).ints(10, 0, 10).toArray();
    Path path = dir.resolve("mnist.nabla");

    // --- snippet ---
    Network net = Network.builder(784, 30, 10).weightInit(WeightInit.SCALED_NORMAL).seed(42).build();
    Variable x = variable("x", Shape.batch(784));   // one image per row
    Variable y = variable("y", Shape.batch(10));    // one-hot targets
    Cost logCauchy = (a, t) -> log(square(sub(a, t)).add(constant(1))).mean();   // a custom cost
    Expr cost = logCauchy.apply(net.output(x), y);
    Bindings b = net.parameters().toBindings().with(x, images).with(y, Labels.oneHot(labels, 10));
    GradientReport report = GradientCheck.of(cost)
        .wrt(net.parameters().variable("w2"), net.parameters().variable("b2"))
        .check(b).assertPassed();
    var grads = Nabla.grad(cost, net.variables().toArray(Variable[]::new));   // ∂C/∂w1 … ∂C/∂b2
    int correct = net.evaluate(images, labels);
    net.save(path);
    Network back = Network.load(path);
    // --- end of snippet ---

    assertEquals(23_860, net.parameters().count());
    assertEquals(30 * 10 + 10, report.checked());
    assertEquals(4, grads.size());
    assertTrue(correct >= 0 && correct <= 10);
    assertArrayEquals(net.predict(images), back.predict(images));
  }
}
