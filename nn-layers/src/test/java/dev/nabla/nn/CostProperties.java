package dev.nabla.nn;

import static dev.nabla.autodiff.Nabla.variable;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The built-in costs average over the examples of an open batch: n is read from the bound value. */
class CostProperties {
  @Property(tries = 300)
  void theCostOfABatchIsTheMeanOfTheCostsOfItsExamples(@ForAll @IntRange(min = 1, max = 8) int batch,
      @ForAll @IntRange(min = 1, max = 5) int classes, @ForAll long seed) {
    Variable z = variable("z", Shape.batch(classes));
    Variable y = variable("y", Shape.batch(classes));
    Random random = new Random(seed);
    Tensor zs = Tensor.randomNormal(Shape.of(batch, classes), 0, 3, random);
    int[] labels = random.ints(batch, 0, classes).toArray();
    Tensor soft = Tensor.randomUniform(Shape.of(batch, classes), 0, 1, random.nextLong());
    List<Expr> costs = List.of(
        Cost.QUADRATIC.apply(z, y),
        Cost.CROSS_ENTROPY.apply(Nabla.sigmoid(z), y),
        Cost.LOG_LIKELIHOOD.apply(Nabla.softmax(z, -1), y));
    List<Tensor> targets = List.of(soft, soft, Labels.oneHot(labels, classes));
    for (int k = 0; k < costs.size(); k++) {
      Evaluator ev = Evaluator.of(List.of(costs.get(k)));
      double whole = ev.run(Bindings.of(z, zs, y, targets.get(k))).get(0).item();
      double mean = 0;
      for (int i = 0; i < batch; i++) {
        Tensor zi = Tensor.of(new double[][] {zs.toMatrix()[i]});
        Tensor yi = Tensor.of(new double[][] {targets.get(k).toMatrix()[i]});
        mean += ev.run(Bindings.of(z, zi, y, yi)).get(0).item() / batch;
      }
      if (!(Math.abs(whole - mean) <= 1e-12 * Math.max(1, Math.abs(mean)))) {
        throw new AssertionError(costs.get(k) + ": batch cost " + whole + " but mean of example costs " + mean);
      }
    }
  }
}
