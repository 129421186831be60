package dev.nabla.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks over expression graphs. Every walk is iterative (an explicit stack, never recursion), so
 * graphs thousands of nodes deep are fine, and deterministic (inputs in order), so printouts and plans
 * are stable.
 */
public final class Graph {
  private Graph() {}

  /**
   * Every node reachable from {@code roots}, each once, inputs before the nodes that use them; roots in
   * the order given.
   */
  public static List<Expr> topologicalOrder(List<? extends Expr> roots) {
    checkNotNull(roots, "topologicalOrder: roots is null");
    for (int i = 0; i < roots.size(); i++) {
      checkNotNull(roots.get(i), "topologicalOrder: roots[%s] is null", i);
    }
    List<Expr> order = new ArrayList<>();
    Set<Expr> done = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Expr> stack = new ArrayDeque<>();
    Deque<Integer> next = new ArrayDeque<>(); // index of the next input to visit, per stacked node
    for (Expr root : roots) {
      if (done.contains(root)) {
        continue;
      }
      stack.push(root);
      next.push(0);
      while (!stack.isEmpty()) {
        Expr node = stack.peek();
        int i = next.pop();
        List<Expr> inputs = node.inputs();
        // skip inputs already done
        while (i < inputs.size() && done.contains(inputs.get(i))) {
          i++;
        }
        if (i < inputs.size()) {
          next.push(i + 1);
          stack.push(inputs.get(i));
          next.push(0);
        } else {
          stack.pop();
          if (done.add(node)) {
            order.add(node);
          }
        }
      }
    }
    return order;
  }

  /** The variables that {@code roots} depend on, in order of first appearance. */
  public static List<Variable> variables(List<? extends Expr> roots) {
    List<Variable> vars = new ArrayList<>();
    for (Expr e : topologicalOrder(roots)) {
      if (e instanceof Variable v) {
        vars.add(v);
      }
    }
    return vars;
  }

  /**
   * Rebuilds {@code roots} so that structurally identical subexpressions (same operation, parameters
   * and inputs) become one node, re-applying each operation's build-time simplifications on the way.
   * Values are unchanged.
   */
  public static List<Expr> shareCommonSubexpressions(List<? extends Expr> roots) {
    Map<Expr, Expr> canonical = new IdentityHashMap<>();
    Map<Key, Expr> interned = new HashMap<>();
    for (Expr node : topologicalOrder(roots)) {
      List<Expr> inputs = new ArrayList<>(node.inputs().size());
      boolean changed = false;
      for (Expr in : node.inputs()) {
        Expr c = canonical.get(in);
        inputs.add(c);
        changed |= c != in;
      }
      Expr rebuilt = changed ? node.withInputs(inputs) : node;
      Key key = new Key(rebuilt.getClass(), rebuilt.parameters(), rebuilt.inputs());
      Expr shared = interned.putIfAbsent(key, rebuilt);
      canonical.put(node, shared != null ? shared : rebuilt);
    }
    List<Expr> out = new ArrayList<>(roots.size());
    for (Expr r : roots) {
      out.add(canonical.get(r));
    }
    return out;
  }

  /**
   * {@code roots} with every node that is a key of {@code replacements} replaced by its value (of the
   * same shape), the nodes above it rebuilt with their operations' simplifications. The others are
   * kept as they are.
   */
  public static List<Expr> substitute(List<? extends Expr> roots, Map<? extends Expr, ? extends Expr> replacements) {
    checkNotNull(replacements, "substitute: replacements is null");
    Map<Expr, Expr> rebuilt = new IdentityHashMap<>();
    for (Expr node : topologicalOrder(roots)) {
      Expr r = replacements.get(node);
      if (r != null) {
        checkArgument(r.shape().equals(node.shape()), "substitute: %s %s cannot stand for %s %s", r, r.shape(), node,
            node.shape());
        rebuilt.put(node, r);
        continue;
      }
      List<Expr> inputs = new ArrayList<>(node.inputs().size());
      boolean changed = false;
      for (Expr in : node.inputs()) {
        Expr c = rebuilt.get(in);
        inputs.add(c);
        changed |= c != in;
      }
      rebuilt.put(node, changed ? node.withInputs(inputs) : node);
    }
    List<Expr> out = new ArrayList<>(roots.size());
    for (Expr root : roots) {
      out.add(rebuilt.get(root));
    }
    return out;
  }

  /** Structural identity of a node: its kind, parameters, and its inputs by identity. */
  private record Key(Class<?> kind, Object parameters, List<Expr> inputs) {}
}
