package dev.nabla.autodiff.eval;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Test networks written as a user writes them: dense layers {@code act(a·wᵀ + b)} of any widths, the
 * quadratic cost {@code Σ‖a − y‖² / 2n}, inputs with MNIST's density, and a reference training step
 * (the evaluator's gradients, then {@code v − η∇C} or momentum in plain loops).
 */
final class Networks {
  static final List<UnaryOperator<Expr>> ACTIVATIONS = List.of(e -> sigmoid(e), e -> tanh(e), e -> relu(e));

  final Variable x;
  final Variable y;
  final List<Variable> parameters = new ArrayList<>();
  final Expr cost;
  final int[] widths;

  /** A network of the given widths (input first), each layer with the activation {@code acts[l] % 3}. */
  Networks(int[] widths, int[] acts) {
    this.widths = widths;
    x = variable("x", Shape.batch(widths[0]));
    y = variable("y", Shape.batch(widths[widths.length - 1]));
    Expr a = x;
    for (int l = 1; l < widths.length; l++) {
      Variable w = variable("w" + l, widths[l], widths[l - 1]);
      Variable b = variable("b" + l, widths[l]);
      parameters.add(w);
      parameters.add(b);
      a = ACTIVATIONS.get(acts[(l - 1) % acts.length] % 3).apply(add(matmul(a, transpose(w)), b));
    }
    cost = div(sum(square(sub(a, y))), mul(constant(2), Count.of(a, 0)));
  }

  /** The seeds' [784, 30, 10] sigmoid network. */
  static Networks seeds() {
    return new Networks(new int[] {784, 30, 10}, new int[] {0});
  }

  /** Parameters drawn from N(0, 1/fan-in), in order. */
  Map<Variable, Tensor> initial(long seed) {
    Map<Variable, Tensor> init = new LinkedHashMap<>();
    for (int l = 1; l < widths.length; l++) {
      init.put(parameters.get(2 * l - 2), Tensor.randomNormal(Shape.of(widths[l], widths[l - 1]), 0,
          1 / Math.sqrt(widths[l - 1]), seed + l));
      init.put(parameters.get(2 * l - 1), Tensor.randomNormal(Shape.of(widths[l]), 0, 1, seed + 100 + l));
    }
    return init;
  }

  /** {@code rows} inputs in [0, 1], about 81% of them exact zeros. */
  Tensor inputs(int rows, long seed) {
    Random r = new Random(seed);
    double[] d = new double[rows * widths[0]];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextDouble() < 0.19 ? r.nextDouble() : 0;
    }
    return Tensor.of(Shape.of(rows, widths[0]), d);
  }

  /** One-hot targets. */
  Tensor targets(int rows, long seed) {
    Random r = new Random(seed);
    int out = widths[widths.length - 1];
    double[] d = new double[rows * out];
    for (int i = 0; i < rows; i++) {
      d[i * out + r.nextInt(out)] = 1;
    }
    return Tensor.of(Shape.of(rows, out), d);
  }

  /** A reference step from {@code params} (and {@code velocity}, updated in place when μ &gt; 0): the new parameters. */
  Map<Variable, Tensor> referenceStep(Map<Variable, Tensor> params, Map<Variable, double[]> velocity, Tensor in,
      Tensor target, double eta, double mu) {
    List<Expr> outputs = new ArrayList<>(List.of(cost));
    outputs.addAll(grad(cost, parameters.toArray(new Variable[0])));
    List<Tensor> values = Evaluator.evaluate(outputs, Bindings.of(params).with(x, in).with(y, target));
    Map<Variable, Tensor> next = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      Variable v = parameters.get(i);
      double[] p = params.get(v).toArray();
      double[] g = values.get(i + 1).rawData();
      double[] u = velocity.computeIfAbsent(v, k -> new double[p.length]);
      for (int j = 0; j < p.length; j++) {
        if (mu == 0) {
          p[j] -= eta * g[j];
        } else {
          u[j] = mu * u[j] - eta * g[j];
          p[j] += u[j];
        }
      }
      next.put(v, Tensor.of(params.get(v).shape(), p));
    }
    return next;
  }

  /** One step {@code v − η∇C} of any cost through the evaluator, from {@code params}: the new parameters, in order. */
  Map<Variable, Tensor> referenceOf(Expr anyCost, Map<Variable, Tensor> params, Bindings data, double eta) {
    List<Variable> vs = List.copyOf(params.keySet());
    Bindings all = data;
    for (Map.Entry<Variable, Tensor> e : params.entrySet()) {
      all = all.with(e.getKey(), e.getValue());
    }
    List<Tensor> g = Evaluator.evaluate(grad(anyCost, vs.toArray(new Variable[0])), all);
    Map<Variable, Tensor> next = new LinkedHashMap<>();
    for (int i = 0; i < vs.size(); i++) {
      double[] p = params.get(vs.get(i)).toArray();
      for (int j = 0; j < p.length; j++) {
        p[j] -= eta * g.get(i).rawData()[j];
      }
      next.put(vs.get(i), Tensor.of(params.get(vs.get(i)).shape(), p));
    }
    return next;
  }
}
