package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * How saturated a sigmoid network's layers are on some images: for each layer, the fraction of its
 * activations within {@link #MARGIN} of 0 or 1, where σ′ is below 10⁻³ and the quadratic cost's gradient
 * barely reaches the weights. With N(0, 1) weights, 784 inputs give weighted inputs of standard
 * deviation near 10, and on some seeds so many units start saturated that learning stalls (near 87%
 * for [784, 100, 10]); N(0, 1/n_in) weights ({@code --init scaled}) avoid it.
 *
 * <pre>{@code
 * double[] f = Saturation.of(net, validation.images());   // f[0]: first hidden layer … f[L−1]: output layer
 * }</pre>
 */
public final class Saturation {
  /** An activation this close to 0 or 1 counts as saturated. */
  public static final double MARGIN = 1e-3;

  private Saturation() {}

  /** For each layer, input side first, the fraction of its activations on {@code images} that are saturated. */
  public static double[] of(Network net, Tensor images) {
    checkArgument(images.shape().rank() == 2, "Saturation.of: images must be [n, pixels], got %s", images.shape());
    Variable x = Variable.of("x", images.shape());
    List<Expr> activations = new ArrayList<>();
    Expr a = x;
    for (Dense layer : net.layers()) {
      a = layer.apply(a);
      activations.add(a);
    }
    List<Tensor> values = Evaluator.evaluate(activations, net.parameters().toBindings().with(x, images));
    double[] fractions = new double[values.size()];
    for (int l = 0; l < fractions.length; l++) {
      double[] v = values.get(l).rawData();
      int saturated = 0;
      for (double value : v) {
        if (value < MARGIN || value > 1 - MARGIN) {
          saturated++;
        }
      }
      fractions[l] = (double) saturated / v.length;
    }
    return fractions;
  }
}
