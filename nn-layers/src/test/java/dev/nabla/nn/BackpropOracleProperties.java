package dev.nabla.nn;

import static dev.nabla.autodiff.Nabla.grad;
import static dev.nabla.autodiff.Nabla.variable;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The autodiff gradients of the quadratic cost agree with the hand-written backpropagation equations
 * ({@link PlainLoops#backprop}) on random networks, to rounding error: the two compute the same sums
 * in different orders.
 */
class BackpropOracleProperties {
  private static final double REL = 1e-9;
  private static final double ABS = 1e-12;

  @Property(tries = 200)
  void autodiffGradientsOfSigmoidNetworksEqualTheBackpropagationEquations(
      @ForAll("sizes") int[] sizes, @ForAll @IntRange(min = 1, max = 8) int batch, @ForAll long seed) {
    assertAgreement(Network.builder(sizes).seed(seed).build(), batch, seed);
  }

  @Property(tries = 200)
  void autodiffGradientsEqualTheBackpropagationEquationsForOtherActivations(
      @ForAll("sizes") int[] sizes, @ForAll("elementwise") Activation hidden, @ForAll("elementwise") Activation output,
      @ForAll @IntRange(min = 1, max = 8) int batch, @ForAll long seed) {
    Network net = Network.builder(sizes).hidden(hidden).output(output).weightInit(WeightInit.SCALED_NORMAL)
        .seed(seed).build();
    assertAgreement(net, batch, seed);
  }

  private static void assertAgreement(Network net, int batch, long seed) {
    int[] sizes = net.sizes();
    Random random = new Random(seed ^ 0x5DEECE66DL);
    Tensor xs = Tensor.randomNormal(Shape.of(batch, sizes[0]), 0, 1, random);
    Tensor ys = Tensor.randomUniform(Shape.of(batch, sizes[sizes.length - 1]), 0, 1, random.nextLong());
    Assume.that(PlainLoops.smallestPreActivation(net, xs, Activation.RELU) > 1e-3);

    Variable x = variable("x", Shape.batch(sizes[0]));
    Variable y = variable("y", Shape.batch(sizes[sizes.length - 1]));
    Expr cost = Cost.QUADRATIC.apply(net.output(x), y);
    List<Variable> params = net.variables();
    List<Expr> grads = grad(cost, params.toArray(Variable[]::new));
    Bindings bindings = net.parameters().toBindings().with(x, xs).with(y, ys);
    List<Tensor> autodiff = Evaluator.of(grads).run(bindings);

    double[][] oracle = PlainLoops.backprop(net, xs, ys);
    for (int p = 0; p < params.size(); p++) {
      double[] a = autodiff.get(p).toArray();
      double[] o = oracle[p];
      for (int i = 0; i < o.length; i++) {
        if (!(Math.abs(a[i] - o[i]) <= ABS + REL * Math.max(Math.abs(a[i]), Math.abs(o[i])))) {
          throw new AssertionError(String.format(Locale.ROOT,
              "dC/d%s at flat index %d: autodiff %.17g, backprop %.17g (network %s, batch %d)",
              params.get(p).name(), i, a[i], o[i], net, batch));
        }
      }
    }
  }

  @Provide
  Arbitrary<int[]> sizes() {
    return Arbitraries.integers().between(1, 6).list().ofMinSize(2).ofMaxSize(5)
        .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
  }

  @Provide
  Arbitrary<Activation> elementwise() {
    return Arbitraries.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU);
  }
}
