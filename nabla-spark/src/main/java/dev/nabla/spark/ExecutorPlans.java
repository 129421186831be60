package dev.nabla.spark;

import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.io.GraphFile;
import dev.nabla.autodiff.io.GraphFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each executor JVM's compiled plans: a shipped cost is parsed once per executor, and each task
 * thread borrows a {@link Plan} (a plan serves one thread at a time), so plans are built once per
 * executor core and reused by every later step. The last few costs are kept.
 */
final class ExecutorPlans {
  private static final int COSTS_KEPT = 4;
  private static final AtomicInteger PLANS_BUILT = new AtomicInteger();
  private static final Map<String, Compiled> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
      return size() > COSTS_KEPT;
    }
  };

  private ExecutorPlans() {}

  /** The parsed cost and its idle plans. */
  static final class Compiled {
    final List<Expr> outputs;
    final Variable input;
    final Variable target;
    final List<Variable> parameters;
    private final ConcurrentLinkedQueue<Plan> idle = new ConcurrentLinkedQueue<>();

    private Compiled(ShippedCost cost) {
      GraphFile file;
      try {
        file = GraphFile.parse(cost.graph, "the shipped cost " + cost.digest.substring(0, 12));
      } catch (GraphFormatException e) {
        throw new IllegalStateException("the cost shipped to this executor could not be read: " + e.getMessage(), e);
      }
      this.outputs = List.copyOf(file.outputs().values());
      this.input = file.variable(cost.input);
      this.target = file.variable(cost.target);
      List<Variable> params = new ArrayList<>();
      for (String name : cost.parameters) {
        params.add(file.variable(name));
      }
      this.parameters = List.copyOf(params);
    }

    /** A plan for this thread; give it back with {@link #release}. */
    Plan borrow() {
      Plan p = idle.poll();
      if (p == null) {
        p = Plan.of(outputs);
        PLANS_BUILT.incrementAndGet();
      }
      return p;
    }

    void release(Plan plan) {
      idle.offer(plan);
    }
  }

  /** The compiled form of {@code cost} in this JVM, parsing it on first use. */
  static Compiled of(ShippedCost cost) {
    synchronized (CACHE) {
      return CACHE.computeIfAbsent(cost.digest, d -> new Compiled(cost));
    }
  }

  /** How many plans this JVM has built, for tests (in local mode, driver and executors share one JVM). */
  static int plansBuilt() {
    return PLANS_BUILT.get();
  }
}
