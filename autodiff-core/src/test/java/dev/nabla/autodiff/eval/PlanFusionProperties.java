package dev.nabla.autodiff.eval;

import static dev.nabla.autodiff.Nabla.*;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fused layers and fused activation backward passes compute what the unfused nodes compute, for any
 * widths (multiples of the vector length or not), activations, bias forms and batch sizes, with both
 * kernel implementations, including products large enough to read their weights in the packed layout.
 * With the scalar kernels (the evaluator's too) and below {@value Program#PACK_ROWS} rows, they agree bit
 * for bit.
 */
class PlanFusionProperties {
  private static final List<UnaryOperator<Expr>> ACTIVATIONS = List.of(e -> sigmoid(e), e -> tanh(e), e -> relu(e), e -> e);

  @Provide
  Arbitrary<Kernels> kernels() {
    List<Kernels> all = new ArrayList<>(List.of(Kernels.scalar()));
    Kernels.vector().ifPresent(all::add);
    return Arbitraries.of(all);
  }

  @Property(tries = 150)
  void layersAndTheirGradientsAgreeWithTheEvaluator(@ForAll("kernels") Kernels kernels,
      @ForAll @IntRange(min = 1, max = 100) int rows, @ForAll @IntRange(min = 1, max = 40) int in,
      @ForAll @IntRange(min = 1, max = 40) int hidden, @ForAll @IntRange(min = 0, max = 3) int act1,
      @ForAll @IntRange(min = 0, max = 3) int act2, @ForAll @IntRange(min = 0, max = 2) int biasForm,
      @ForAll boolean biasFirst, @ForAll boolean readsPreActivation, @ForAll long seed) {
    Variable x = variable("x", Shape.batch(in));
    Variable w1 = variable("w1", hidden, in);
    Variable b1 = biasForm == 2 ? variable("b1", 1, hidden) : variable("b1", hidden);
    Variable w2 = variable("w2", 3, hidden);
    Expr z1 = matmul(x, transpose(w1));
    Expr pre = biasForm == 0 ? z1 : biasFirst ? add(b1, z1) : add(z1, b1);
    Expr a1 = ACTIVATIONS.get(act1).apply(pre);
    Expr a2 = ACTIVATIONS.get(act2).apply(matmul(a1, transpose(w2)));
    // read first, the pre-activation is ordered before the activation, as in the cross-entropy cost
    // (softplus(z) − y·z beside σ(z)): a layer that keeps it must compute it before its first reader
    Expr cost = readsPreActivation ? add(mean(square(pre)), mean(square(a2))) : mean(square(a2));
    List<Variable> wrt = biasForm == 0 ? List.of(w1, w2) : List.of(w1, b1, w2);
    List<Expr> outputs = new ArrayList<>(List.of(cost));
    outputs.addAll(grad(cost, wrt.toArray(new Variable[0])));
    Bindings bind = Bindings.of(x, Tensor.randomNormal(Shape.of(rows, in), 0, 1, seed),
        w1, Tensor.randomNormal(Shape.of(hidden, in), 0, 0.5, seed + 1), w2, Tensor.randomNormal(Shape.of(3, hidden), 0, 0.5, seed + 2))
        .with(b1, Tensor.randomNormal(b1.shape(), 0, 1, seed + 3));
    List<Tensor> expected = Evaluator.evaluate(outputs, bind);
    Plan plan = Plan.of(outputs, kernels);
    for (int run = 0; run < 2; run++) {
      List<Tensor> got = plan.run(bind);
      // the scalar kernels' fused instructions compute what the nodes compute, bit for bit; the vector
      // kernels reorder products and compute σ with their own exp
      boolean exact = kernels == Kernels.get() && kernels == Kernels.scalar() && rows < Program.PACK_ROWS;
      for (int k = 0; k < expected.size(); k++) {
        boolean ok = exact ? expected.get(k).equals(got.get(k)) : got.get(k).isCloseTo(expected.get(k), 1e-9, 1e-12);
        if (!ok) {
          throw new AssertionError("output " + k + " with " + kernels.name() + (exact ? " (bit for bit)" : "") + ": plan "
              + got.get(k) + " vs evaluator " + expected.get(k) + "\n" + plan);
        }
      }
    }
  }

  @Example
  void theListingShowsEachFusion() {
    Variable x = variable("x", Shape.batch(5));
    Variable w = variable("w", 7, 5);
    Variable b = variable("b", 7);
    for (String act : List.of("sigmoid", "tanh", "relu")) {
      Expr z = add(matmul(x, transpose(w)), b);
      Expr a = act.equals("sigmoid") ? sigmoid(z) : act.equals("tanh") ? tanh(z) : relu(z);
      Expr cost = mean(square(a));
      Plan plan = Plan.of(List.of(cost, grad(cost, w).get(0)));
      plan.run(Bindings.of(x, Tensor.randomNormal(Shape.of(4, 5), 0, 1, 1), w, Tensor.randomNormal(Shape.of(7, 5), 0, 1, 2))
          .with(b, Tensor.randomNormal(Shape.of(7), 0, 1, 3)));
      String listing = plan.toString();
      String backward = switch (act) {
        case "sigmoid" -> " * (%";
        case "tanh" -> "^2)]";
        default -> " * step(%";
      };
      if (!listing.contains("= fused[" + act + "(matmul[transB] x w + b)]") || !listing.contains(backward)) {
        throw new AssertionError(act + ":\n" + listing);
      }
      if (act.equals("relu") != listing.contains("(keeps %")) {
        throw new AssertionError("relu's backward pass reads the pre-activation, so it is kept; nothing else is:\n" + listing);
      }
    }
  }
}
