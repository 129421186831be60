package dev.nabla.autodiff.eval;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluates a fixed list of output expressions: the nodes are ordered once, at construction, and each
 * {@link #run} computes every node once, sharing values between outputs (a cost and its gradients
 * share the forward pass). A value is dropped as soon as its last consumer has run.
 *
 * <p>Errors: an unbound variable or a value of the wrong shape is an {@link IllegalArgumentException}
 * naming the variable; a NaN or infinity is a {@link NonFiniteValueException} naming the node.
 *
 * <p>An evaluator holds no state between runs and may be shared between threads.
 */
public final class Evaluator {
  private final ImmutableList<Expr> outputs;
  private final ImmutableList<Expr> order;
  private final int[][] inputSlots;
  private final int[] useCount;
  private final boolean[] isOutput;
  private final int[] outputSlots;

  private Evaluator(List<? extends Expr> outputs) {
    this.outputs = ImmutableList.copyOf(outputs);
    this.order = ImmutableList.copyOf(Graph.topologicalOrder(outputs));
    Map<Expr, Integer> slot = new IdentityHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      slot.put(order.get(i), i);
    }
    inputSlots = new int[order.size()][];
    useCount = new int[order.size()];
    isOutput = new boolean[order.size()];
    for (int i = 0; i < order.size(); i++) {
      List<Expr> in = order.get(i).inputs();
      inputSlots[i] = new int[in.size()];
      for (int j = 0; j < in.size(); j++) {
        inputSlots[i][j] = slot.get(in.get(j));
        useCount[inputSlots[i][j]]++;
      }
    }
    outputSlots = new int[outputs.size()];
    for (int k = 0; k < outputSlots.length; k++) {
      outputSlots[k] = slot.get(outputs.get(k));
      isOutput[outputSlots[k]] = true;
    }
  }

  /** An evaluator for {@code outputs}; reuse it to evaluate the same expressions many times. */
  public static Evaluator of(List<? extends Expr> outputs) {
    checkNotNull(outputs, "evaluate: outputs is null");
    checkArgument(!outputs.isEmpty(), "evaluate: no expressions given");
    for (int i = 0; i < outputs.size(); i++) {
      checkNotNull(outputs.get(i), "evaluate: outputs[%s] is null", i);
    }
    return new Evaluator(outputs);
  }

  /** Evaluates one expression once. */
  public static Tensor evaluate(Expr expr, Bindings bindings) {
    return of(List.of(checkNotNull(expr, "evaluate: expr is null"))).run(bindings).get(0);
  }

  /** Evaluates several expressions once, in one pass. */
  public static List<Tensor> evaluate(List<? extends Expr> outputs, Bindings bindings) {
    return of(outputs).run(bindings);
  }

  /** The expressions this evaluator computes. */
  public List<Expr> outputs() {
    return outputs;
  }

  /** The variables the outputs depend on, in order of first appearance. */
  public List<Variable> variables() {
    return order.stream().filter(Variable.class::isInstance).map(Variable.class::cast).toList();
  }

  /** The values of the outputs, in order. */
  public List<Tensor> run(Bindings bindings) {
    checkNotNull(bindings, "evaluate: bindings is null");
    Tensor[] values = new Tensor[order.size()];
    int[] remaining = useCount.clone();
    for (int i = 0; i < order.size(); i++) {
      Expr node = order.get(i);
      Tensor value;
      if (node instanceof Variable v) {
        value = bindings.require(v, "evaluate");
        checkFinite(node, value, null, i);
      } else {
        List<Tensor> in = new ArrayList<>(inputSlots[i].length);
        for (int s : inputSlots[i]) {
          in.add(values[s]);
        }
        try {
          value = node.evaluate(in);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(e.getMessage() + "\n  in node: " + node + "\n  input shapes: "
              + in.stream().map(t -> t.shape().toString()).collect(Collectors.joining(", ")), e);
        }
        checkFinite(node, value, in, i);
        for (int s : inputSlots[i]) {
          if (--remaining[s] == 0 && !isOutput[s]) {
            values[s] = null;
          }
        }
      }
      values[i] = value;
    }
    List<Tensor> result = new ArrayList<>(outputs.size());
    for (int s : outputSlots) {
      result.add(values[s]);
    }
    return result;
  }

  /** The error for a variable the bindings lack; shared with {@link Plan}. */
  static IllegalArgumentException unbound(Variable v, Bindings bindings) {
    return bindings.unbound(v, "evaluate");
  }

  private static void checkFinite(Expr node, Tensor value, List<Tensor> inputs, int index) {
    double[] data = value.rawData();
    for (int k = 0; k < data.length; k++) {
      if (!Double.isFinite(data[k])) {
        String where = value.shape().isScalar() ? "" : " at flat index " + k;
        String message;
        if (node instanceof Variable v) {
          message = String.format("evaluate: the value bound to variable '%s' contains %s%s", v.name(), data[k], where);
        } else {
          boolean inputsFinite = inputs.stream().allMatch(Tensor::isFinite);
          message = String.format("evaluate: %s produced %s%s (node #%s, inputs %s)%n  in node: %s",
              node.opName(), data[k], where, index, inputsFinite ? "all finite" : "not all finite", node);
        }
        throw new NonFiniteValueException(node, message);
      }
    }
  }
}
