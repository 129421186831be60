package dev.nabla.autodiff.eval;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A compiled evaluator for a fixed list of outputs, for the hot loop of training.
 *
 * <p>{@link #of} shares identical subexpressions, orders the nodes once and numbers their slots. The
 * first {@link #run} with a given set of variable shapes specialises the plan: it derives every node's
 * concrete shape from its primitive's shape rule ({@link Expr#concreteShape}) without computing
 * anything, and assigns each node a {@code double[]} buffer, reusing the buffer of a value whose last
 * consumer has run (liveness). Both steps take time linear in the number of nodes. Later runs with the same shapes
 * do no planning and, for the primitives a training step uses, allocate nothing at all: every kernel
 * writes into its buffer (a primitive without an in-place kernel, such as {@code transpose}, still
 * evaluates into a new array and copies it). Specialisations are
 * cached per shape signature (the last {@value #CACHE_SIZE}), so alternating batch sizes (training
 * batches of 10, a test set of 10,000) each keep their own.
 *
 * <p><b>The tensors a run returns are views of the plan's buffers</b>: valid until the next run of
 * this plan. Copy them ({@link Tensor#toArray()}) to keep them.
 *
 * <p>Errors are those of {@link Evaluator}. Outputs are checked for NaN and ∞; when one is found,
 * the run is repeated by an {@link Evaluator}, whose {@link NonFiniteValueException} names the first
 * node that produced it. Unlike the evaluator, a plan does not scan the bound values on every run (that
 * would cost as much as a layer's kernel): a non-finite input whose effect is masked — multiplied by a
 * zero that a kernel skips, or cut off by a {@code relu} — goes unnoticed. Check parameters yourself
 * where that matters (the optimisers do, once per epoch).
 *
 * <p><b>Threads</b>: a plan owns its buffers, so one plan serves one thread at a time; a run entered
 * while another is in progress is rejected with an {@link IllegalStateException}. Give each thread
 * its own plan.
 */
public final class Plan {
  static final int CACHE_SIZE = 8;

  private final ImmutableList<Expr> outputs;
  private final ImmutableList<Expr> order;
  private final int[][] inputSlots;
  private final int[] outputSlots;
  private final int[] lastUse;
  private final ImmutableList<Variable> variables;
  private final int[] variableSlots;
  private final Map<List<Shape>, Specialization> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<List<Shape>, Specialization> eldest) {
      return size() > CACHE_SIZE;
    }
  };
  private final AtomicBoolean running = new AtomicBoolean();
  /** The bound values of the run in progress, in {@link #variables} order (a plan runs on one thread at a time). */
  private final Tensor[] bound;
  private Specialization last;
  private int specialisations;

  private Plan(List<? extends Expr> requested) {
    this.outputs = ImmutableList.copyOf(Graph.shareCommonSubexpressions(requested));
    this.order = ImmutableList.copyOf(Graph.topologicalOrder(outputs));
    Map<Expr, Integer> slot = new IdentityHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      slot.put(order.get(i), i);
    }
    inputSlots = new int[order.size()][];
    lastUse = new int[order.size()];
    List<Variable> vars = new ArrayList<>();
    List<Integer> varSlots = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Expr node = order.get(i);
      inputSlots[i] = node.inputs().stream().mapToInt(slot::get).toArray();
      for (int s : inputSlots[i]) {
        lastUse[s] = i;
      }
      if (node instanceof Variable v) {
        vars.add(v);
        varSlots.add(i);
      }
    }
    outputSlots = outputs.stream().mapToInt(slot::get).toArray();
    for (int s : outputSlots) {
      lastUse[s] = Integer.MAX_VALUE;
    }
    variables = ImmutableList.copyOf(vars);
    variableSlots = varSlots.stream().mapToInt(Integer::intValue).toArray();
    bound = new Tensor[variableSlots.length];
  }

  /** A plan computing {@code outputs} (e.g. a cost and its gradients) in one pass. */
  public static Plan of(List<? extends Expr> outputs) {
    checkArgument(!outputs.isEmpty(), "Plan: no expressions given");
    return new Plan(outputs);
  }

  /** The variables the outputs depend on; each must be bound for a run. */
  public List<Variable> variables() {
    return variables;
  }

  /** How many shape signatures have been specialised so far (a measure of cache misses). */
  public int specialisations() {
    return specialisations;
  }

  /**
   * The outputs' values for these bindings. The returned tensors are views of the plan's buffers,
   * valid until this plan runs again.
   *
   * @throws IllegalStateException when another thread is running this plan
   */
  public List<Tensor> run(Bindings bindings) {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("Plan.run: this plan is already running in another thread; a plan owns its "
          + "buffers, so give each thread its own Plan.of(...)");
    }
    try {
      for (int k = 0; k < variableSlots.length; k++) {
        Variable v = variables.get(k);
        Tensor t = bindings.valueOf(v);
        if (t == null) {
          throw Evaluator.unbound(v, bindings);
        }
        bound[k] = t;
      }
      // the same shapes as last time need no lookup (and no key): a run then allocates nothing
      Specialization spec = last != null && last.fits(bound) ? last : specialisation();
      last = spec;
      spec.run(bound);
      return checkedOutputs(spec, bindings);
    } finally {
      running.set(false);
    }
  }

  /** The specialisation for the bound values' shapes, made (and cached) on first use. */
  private Specialization specialisation() {
    Shape[] shapes = new Shape[bound.length];
    for (int k = 0; k < bound.length; k++) {
      shapes[k] = bound[k].shape();
    }
    List<Shape> key = List.of(shapes);
    Specialization spec = cache.get(key);
    if (spec == null) {
      spec = new Specialization(bound);
      cache.put(key, spec);
      specialisations++;
    }
    return spec;
  }

  private List<Tensor> checkedOutputs(Specialization spec, Bindings bindings) {
    for (int k = 0; k < spec.outs.length; k++) {
      if (!spec.outs[k].isFinite()) {
        Evaluator.of(outputs).run(bindings); // throws, naming the first node that went non-finite
        throw new NonFiniteValueException(outputs.get(0), "evaluate: an output is not finite");
      }
    }
    return spec.outputView;
  }

  /**
   * The program of the most recent specialisation, one instruction per line in the style of a JAX
   * jaxpr: {@code %5:[10, 30] = matmul[transB] %0 %1   (buffer 2)}.
   */
  @Override
  public String toString() {
    if (last == null) {
      return "{ plan of " + order.size() + " nodes, not yet specialised: run it once }";
    }
    return last.program();
  }

  /** One plan specialised to concrete shapes: a buffer per node, reused by liveness. */
  private final class Specialization {
    private final Shape[] shapes = new Shape[order.size()];
    private final int[] bufferOf = new int[order.size()];
    private final double[][] buffers;
    private final Tensor[] values = new Tensor[order.size()];
    private final Tensor[][] args = new Tensor[order.size()][];
    private final List<List<Tensor>> argLists = new ArrayList<>();
    private final Tensor[] outs = new Tensor[outputSlots.length];
    private final List<Tensor> outputView = Collections.unmodifiableList(Arrays.asList(outs));
    private final Map<double[], Integer> bufferIndex = new IdentityHashMap<>();

    /**
     * Shapes from each primitive's concrete-shape rule (nothing is computed), then one buffer per
     * node: a node takes a free buffer of its size, and a value's buffer is freed once its last
     * consumer has taken its own, so no kernel writes over one of its inputs. Linear in the plan's size.
     */
    Specialization(Tensor[] bound) {
      for (int k = 0; k < variableSlots.length; k++) {
        shapes[variableSlots[k]] = bound[k].shape();
      }
      List<double[]> pool = new ArrayList<>();
      Map<Integer, ArrayDeque<double[]>> free = new HashMap<>();
      boolean[] released = new boolean[order.size()];
      for (int i = 0; i < order.size(); i++) {
        Expr node = order.get(i);
        args[i] = new Tensor[inputSlots[i].length];
        argLists.add(Arrays.asList(args[i]));
        if (node instanceof Variable) {
          bufferOf[i] = -1;
          continue;
        }
        if (node instanceof Constant c) {
          bufferOf[i] = -1;
          shapes[i] = c.value().shape();
          values[i] = c.value();
          continue;
        }
        shapes[i] = shapeOf(node, i);
        int size = shapes[i].size();
        ArrayDeque<double[]> ofSize = free.get(size);
        double[] buf = ofSize == null ? null : ofSize.pollLast();
        if (buf == null) {
          buf = new double[size];
          bufferIndex.put(buf, pool.size());
          pool.add(buf);
        }
        bufferOf[i] = bufferIndex.get(buf);
        values[i] = Tensor.wrap(shapes[i], buf);
        for (int s : inputSlots[i]) {
          if (lastUse[s] == i && bufferOf[s] >= 0 && !released[s]) {
            released[s] = true;
            free.computeIfAbsent(values[s].size(), n -> new ArrayDeque<>()).addLast(values[s].rawData());
          }
        }
      }
      buffers = pool.toArray(new double[0][]);
    }

    /** Node {@code i}'s shape from its inputs' by its concrete-shape rule; errors name the node. */
    private Shape shapeOf(Expr node, int i) {
      Shape[] in = new Shape[inputSlots[i].length];
      for (int j = 0; j < in.length; j++) {
        in[j] = shapes[inputSlots[i][j]];
      }
      try {
        return node.concreteShape(Arrays.asList(in));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + "\n  in node: " + node + "\n  input shapes: "
            + Arrays.stream(in).map(Shape::toString).collect(Collectors.joining(", ")), e);
      }
    }

    /** Whether {@code bound} (in {@link #variables} order) has the shapes this specialisation was made for. */
    boolean fits(Tensor[] bound) {
      for (int k = 0; k < variableSlots.length; k++) {
        if (!shapes[variableSlots[k]].equals(bound[k].shape())) {
          return false;
        }
      }
      return true;
    }

    void run(Tensor[] bound) {
      for (int k = 0; k < variableSlots.length; k++) {
        values[variableSlots[k]] = bound[k];
      }
      for (int i = 0; i < order.size(); i++) {
        if (bufferOf[i] < 0) {
          continue;
        }
        Tensor[] a = args[i];
        int[] in = inputSlots[i];
        for (int j = 0; j < in.length; j++) {
          a[j] = values[in[j]];
        }
        order.get(i).computeInto(argLists.get(i), values[i].rawData());
      }
      for (int k = 0; k < outputSlots.length; k++) {
        outs[k] = values[outputSlots[k]];
      }
    }

    String program() {
      StringBuilder sb = new StringBuilder("{ lambda");
      for (int s : variableSlots) {
        sb.append(' ').append(((Variable) order.get(s)).name()).append(':').append(shapes[s]);
      }
      sb.append(" .\n");
      for (int i = 0; i < order.size(); i++) {
        Expr node = order.get(i);
        if (node instanceof Variable) {
          continue;
        }
        sb.append("  %").append(i).append(':').append(shapes[i]).append(" = ").append(node.opName());
        for (int s : inputSlots[i]) {
          sb.append(' ').append(order.get(s) instanceof Variable v ? v.name() : "%" + s);
        }
        if (bufferOf[i] >= 0) {
          sb.append("   (buffer ").append(bufferOf[i]).append(')');
        }
        sb.append('\n');
      }
      sb.append("  in (");
      for (int k = 0; k < outputSlots.length; k++) {
        sb.append(k > 0 ? ", " : "").append('%').append(outputSlots[k]);
      }
      long bytes = 0;
      for (double[] b : buffers) {
        bytes += 8L * b.length;
      }
      return sb.append(") }   ").append(buffers.length).append(" buffers, ").append(bytes).append(" bytes\n").toString();
    }
  }
}
