package dev.nabla.examples.mnist;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.check.GradientCheck;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.nn.Cost;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Network;
import dev.nabla.nn.WeightInit;
import dev.nabla.optim.BestEpoch;
import dev.nabla.optim.Dataset;
import dev.nabla.optim.EpochDecision;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.MiniBatchGradientDescent;
import dev.nabla.optim.TrainingListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's "a network, your own cost, trained" example, line for line, on the committed MNIST subset. */
class ReadmeTrainingExampleTest {
  @Test
  void readmeTrainsANetworkWithACustomCostAndKeepsTheEpochChosenOnValidation() throws Exception {
    Path dir = Path.of(getClass().getResource("/mnist/README.md").toURI()).getParent();
    MnistSplit mnist = MnistSplit.load(dir, SplitSizes.STANDARD.atMost(500));

    // --- README: networks ---
    Network net = Network.builder(784, 30, 10).weightInit(WeightInit.SCALED_NORMAL).seed(1).build();
    Variable x = variable("x", Shape.batch(784));                     // one image per row
    Variable y = variable("y", Shape.batch(10));                      // one-hot targets y(x)
    Cost logCosh = (a, t) -> mean(log(div(add(exp(sub(a, t)), exp(sub(t, a))), constant(2))));   // your own cost
    Expr cost = logCosh.apply(net.output(x), y);
    Bindings sample = net.parameters().toBindings().with(x, mnist.training().images())
        .with(y, mnist.training().oneHotLabels());
    System.out.println(GradientCheck.of(cost).wrt(net.parameters().variable("b2")).check(sample).assertPassed());

    BestEpoch best = BestEpoch.highest();                             // model selection on the validation images
    TrainingListener keepBest = TrainingListener.perEpoch(s -> {
      best.offer(s, net.withParameters(s.parameters()).accuracy(mnist.validation().images(), mnist.validation().labels()));
      return best.epochsWithoutImprovement(s) >= 5 ? EpochDecision.stop() : EpochDecision.proceed();   // early stopping
    });
    MiniBatchGradientDescent.builder().learningRateSchedule(LearningRateSchedule.stepDecay(10.0, 0.5, 5))   // η halved every 5 epochs
        .weightDecay(1e-4, net.layers().stream().map(Dense::weights).toList())                      // + ½λ‖w‖², biases not decayed
        .batchSize(10).epochs(20).seed(1).build()
        .train(cost, x, y, net.parameters().toMap(), new Dataset(mnist.training().images(), mnist.training().oneHotLabels()), keepBest);
    Network trained = net.withParameters(best.parameters());         // the epoch chosen on validation
    System.out.println("epoch " + best.epoch() + ": " + trained.accuracy(mnist.test().images(), mnist.test().labels()));
    // --- end ---

    assertTrue(trained.accuracy(mnist.test().images(), mnist.test().labels()) > 0.6);
  }
}
