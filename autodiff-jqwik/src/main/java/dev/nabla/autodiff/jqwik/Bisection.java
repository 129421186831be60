package dev.nabla.autodiff.jqwik;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.jqwik.CentralDifferences.Component;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Narrows a failing directional check down to one parameter, for any number of parameters: the
 * direction's entries are split in two halves, each half is checked as a direction of its own, and the
 * search goes on in the half that is further out of tolerance. The error of a direction is the sum of
 * its halves' errors, so at least one half carries half of it. About {@code 8·log₂(n)} cost evaluations
 * find the component; a last central difference of that component alone confirms it.
 */
final class Bisection {
  private Bisection() {}

  /** What the search found. */
  record Result(Optional<Component> component, int evaluations) {}

  /**
   * Bisects the failing direction {@code v}. The component is empty when both halves crossed a kink,
   * and fails its own check unless the error is spread over many components.
   */
  static Result locate(ToDoubleFunction<Bindings> cost, Function<Bindings, List<Tensor>> gradient, List<Variable> wrt,
      Bindings at, double centre, List<Tensor> gradients, List<Tensor> v, Tolerance tol) {
    List<Tensor> base = CentralDifferences.values(wrt, at);
    int[] starts = new int[wrt.size() + 1];
    for (int k = 0; k < wrt.size(); k++) {
      starts[k + 1] = starts[k] + base.get(k).size();
    }
    int lo = 0;
    int hi = starts[wrt.size()];
    int evaluations = 0;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      double left = excess(CentralDifferences.directional(cost, gradient, wrt, at, centre, gradients, within(v, starts, lo, mid), tol));
      double right = excess(CentralDifferences.directional(cost, gradient, wrt, at, centre, gradients, within(v, starts, mid, hi), tol));
      evaluations += 8;
      if (left < 0 && right < 0) {
        return new Result(Optional.empty(), evaluations);
      }
      if (left >= right) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    int k = 0;
    while (starts[k + 1] <= lo) {
      k++;
    }
    int i = lo - starts[k];
    Optional<Component> c = CentralDifferences.component(cost, gradient, wrt, base, k, i, at, centre,
        gradients.get(k).rawData()[i], tol);
    return new Result(c, evaluations + 4);
  }

  /** How far out of tolerance a sub-direction is; −1 when it crossed a kink. */
  private static double excess(Optional<Component> c) {
    return c.map(Component::excess).orElse(-1.0);
  }

  /** {@code v} with every entry outside the flat index range {@code [lo, hi)} set to 0. */
  private static List<Tensor> within(List<Tensor> v, int[] starts, int lo, int hi) {
    List<Tensor> out = new ArrayList<>();
    for (int k = 0; k < v.size(); k++) {
      double[] d = v.get(k).toArray();
      for (int i = 0; i < d.length; i++) {
        int flat = starts[k] + i;
        if (flat < lo || flat >= hi) {
          d[i] = 0;
        }
      }
      out.add(Tensor.of(v.get(k).shape(), d));
    }
    return out;
  }
}
