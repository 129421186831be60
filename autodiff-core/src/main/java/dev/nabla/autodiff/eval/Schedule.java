package dev.nabla.autodiff.eval;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan knows before it sees any shape: the outputs (identical subexpressions shared), every node
 * they need in topological order with a slot number, each node's input slots and how many nodes (and
 * outputs) consume it, and the variables. Built once per plan, in time linear in the graph.
 */
final class Schedule {
  final ImmutableList<Expr> outputs;
  final ImmutableList<Expr> order;
  final int[][] inputs;
  final int[] consumers;
  final boolean[] isOutput;
  final int[] outputSlots;
  final int[] extraRootSlots;
  final ImmutableList<Variable> variables;
  final int[] variableSlots;
  private final Map<Expr, Integer> slotOf = new IdentityHashMap<>();

  /**
   * @param requested the values a run must produce, in order
   * @param extraRoots nodes whose values must also be kept until the end of a run (the operands of a
   *     training step's fused updates), or none
   */
  Schedule(List<? extends Expr> requested, List<? extends Expr> extraRoots) {
    List<Expr> roots = new ArrayList<>(Graph.shareCommonSubexpressions(concat(requested, extraRoots)));
    this.outputs = ImmutableList.copyOf(roots.subList(0, requested.size()));
    this.order = ImmutableList.copyOf(Graph.topologicalOrder(roots));
    for (int i = 0; i < order.size(); i++) {
      slotOf.put(order.get(i), i);
    }
    inputs = new int[order.size()][];
    consumers = new int[order.size()];
    isOutput = new boolean[order.size()];
    List<Variable> vars = new ArrayList<>();
    List<Integer> varSlots = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Expr node = order.get(i);
      inputs[i] = node.inputs().stream().mapToInt(slotOf::get).toArray();
      for (int s : inputs[i]) {
        consumers[s]++;
      }
      if (node instanceof Variable v) {
        vars.add(v);
        varSlots.add(i);
      }
    }
    outputSlots = outputs.stream().mapToInt(slotOf::get).toArray();
    extraRootSlots = roots.subList(requested.size(), roots.size()).stream().mapToInt(slotOf::get).toArray();
    for (Expr root : roots) {
      isOutput[slotOf.get(root)] = true;
    }
    variables = ImmutableList.copyOf(vars);
    variableSlots = varSlots.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The slot of {@code node} (after sharing), or −1 when the schedule does not hold it. */
  int slotOf(Expr node) {
    Integer s = slotOf.get(node);
    return s == null ? -1 : s;
  }

  /** Whether the node in {@code slot} has exactly one consumer and is not an output: a fusion may absorb it. */
  boolean onlyFeeds(int slot) {
    return consumers[slot] == 1 && !isOutput[slot];
  }

  Expr node(int slot) {
    return order.get(slot);
  }

  int size() {
    return order.size();
  }

  private static List<Expr> concat(List<? extends Expr> a, List<? extends Expr> b) {
    List<Expr> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
