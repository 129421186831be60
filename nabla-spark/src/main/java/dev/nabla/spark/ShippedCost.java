package dev.nabla.spark;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hashing;
import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.io.GraphFile;
import dev.nabla.autodiff.tensor.Shape;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cost and its gradients as they travel to the executors: the text of a {@link GraphFile} with the
 * outputs {@code cost}, {@code ∂cost/∂<parameter>} in parameter order, and the variables {@code x},
 * {@code y} and the parameters, found again by name. Its digest identifies it in each executor's
 * cache of compiled plans ({@link ExecutorPlans}).
 */
final class ShippedCost implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String COST = "cost";

  final byte[] graph;
  final String digest;
  final String input;
  final String target;
  final List<String> parameters;
  private final int[][] parameterDims; // Shape is not Serializable
  final int[] parameterSizes;
  final int inputRow;
  final int targetRow;

  private ShippedCost(String text, Variable x, Variable y, List<Variable> params) {
    this.graph = text.getBytes(StandardCharsets.UTF_8);
    this.digest = Hashing.sha256().hashBytes(graph).toString();
    this.input = x.name();
    this.target = y.name();
    this.parameters = List.copyOf(params.stream().map(Variable::name).toList());
    this.parameterDims = params.stream().map(v -> v.shape().dims()).toArray(int[][]::new);
    this.parameterSizes = params.stream().mapToInt(v -> v.shape().size()).toArray();
    this.inputRow = rowSize("input", x);
    this.targetRow = rowSize("target", y);
  }

  /**
   * Differentiates {@code cost} with respect to {@code params} and writes the graph to ship.
   *
   * @throws IllegalArgumentException when the cost is not a scalar, depends on a variable other than
   *     {@code x}, {@code y} and the parameters, or two of these share a name
   */
  static ShippedCost of(Expr cost, Variable x, Variable y, List<Variable> params) {
    checkArgument(cost.shape().isScalar(), "the cost must be a scalar (reduce it with sum or mean), but it has shape %s",
        cost.shape());
    List<Variable> all = new ArrayList<>(List.of(x, y));
    all.addAll(params);
    Set<String> names = new HashSet<>();
    for (Variable v : all) {
      checkArgument(names.add(v.name()), "two of the variables (x, y and the parameters) are named '%s'; a cost shipped "
          + "to Spark's executors finds its variables by name, so give them distinct names", v.name());
    }
    Map<String, Expr> outputs = new LinkedHashMap<>();
    outputs.put(COST, cost);
    List<Expr> gradients = Gradients.of(cost, params);
    for (int i = 0; i < params.size(); i++) {
      outputs.put(gradientName(params.get(i)), gradients.get(i));
    }
    GraphFile file = GraphFile.of(outputs).withVariables(all);
    for (Variable v : file.variables()) {
      checkArgument(all.contains(v), "the cost depends on variable '%s' %s, which is neither x, y nor a parameter; "
          + "parameters are %s", v.name(), v.shape(), params.stream().map(Variable::name).toList());
    }
    return new ShippedCost(file.toText(), x, y, params);
  }

  static String gradientName(Variable parameter) {
    return "∂" + COST + "/∂" + parameter.name();
  }

  private static int rowSize(String what, Variable v) {
    Shape s = v.shape();
    checkArgument(s.rank() >= 1 && s.dim(0) == Shape.ANY && s.withDim(0, 1).isConcrete(),
        "the %s variable '%s' has shape %s; it needs an open batch dimension first and fixed ones after, "
            + "as Shape.batch(…) gives", what, v.name(), s);
    return s.withDim(0, 1).size();
  }

  /** The shape of parameter {@code p}. */
  Shape parameterShape(int p) {
    return Shape.of(parameterDims[p]);
  }

  /** The number of values a step sums: the cost, then every gradient entry. */
  int sumLength() {
    int n = 1;
    for (int s : parameterSizes) {
      n += s;
    }
    return n;
  }
}
