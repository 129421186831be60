package dev.nabla.autodiff.eval;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A compiled evaluator for a fixed list of outputs, for the hot loop of training.
 *
 * <p>{@link #of} shares identical subexpressions, orders the nodes once and numbers their slots. The
 * first {@link #run} with a given set of variable shapes specialises the plan (a {@link Program}): it
 * derives every node's concrete shape from its primitive's shape rule ({@link Expr#concreteShape})
 * without computing anything, fuses what can be fused, chooses layouts, and assigns each value a {@code
 * double[]} buffer, reusing the buffer of a value whose last reader has run (liveness). All of this takes
 * time linear in the number of nodes. Later runs with the same shapes do no planning and, for the
 * primitives a training step uses, allocate nothing once the JIT has compiled them: every kernel writes
 * into its buffer (a primitive without an in-place kernel, such as {@code transpose}, still evaluates
 * into a new array and copies it). Specialisations are cached per shape signature (the last {@value
 * #CACHE_SIZE}), so alternating batch sizes (training batches of 10, a test set of 10,000) each keep
 * their own.
 *
 * <p><b>What it fuses and how it lays data out</b>, wherever the pattern occurs in any graph:
 * <ul>
 *   <li>a layer, {@code act(x·wᵀ + b)} for sigmoid, tanh, relu or none, becomes one instruction: the
 *       product, the bias and the activation in one pass, with no buffer for the product or the sum;
 *   <li>the backward pass through an activation, {@code g ⊙ (y ⊙ (1 − y))} and its tanh and relu
 *       counterparts, becomes one loop that takes the derivative from the forward value;
 *   <li>with the vector kernels, a product of at least {@value Program#PACK_ROWS} rows reads its right
 *       operand in the packed layout ({@link dev.nabla.autodiff.kernel.PackedMatrix}: input-major rows
 *       padded to whole vectors), copied in at the start of the run.
 * </ul>
 * A fused instruction computes what the nodes compute, in their order, so fusion changes no value. The
 * kernels are {@link Kernels#get()}'s, chosen at start-up; {@link #toString} lists the program.
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

  private final Schedule schedule;
  private final Kernels kernels;
  private final Map<List<Shape>, Program> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<List<Shape>, Program> eldest) {
      return size() > CACHE_SIZE;
    }
  };
  private final AtomicBoolean running = new AtomicBoolean();
  private Program.Layouts layouts = Program.Layouts.NONE;
  /** The bound values of the run in progress, in {@link #variables} order (a plan runs on one thread at a time). */
  private final Tensor[] bound;
  private Program last;
  private List<Tensor> lastView;
  private int specialisations;

  private Plan(List<? extends Expr> requested, Kernels kernels) {
    this.schedule = new Schedule(requested, List.of());
    this.kernels = kernels;
    this.bound = new Tensor[schedule.variableSlots.length];
  }

  /** A plan computing {@code outputs} (e.g. a cost and its gradients) in one pass, with {@link Kernels#get()}'s kernels. */
  public static Plan of(List<? extends Expr> outputs) {
    return of(outputs, Kernels.get());
  }

  /** {@link #of(List)} with the given kernels (for tests and benchmarks that compare implementations). */
  public static Plan of(List<? extends Expr> outputs, Kernels kernels) {
    checkArgument(!outputs.isEmpty(), "Plan: no expressions given");
    return new Plan(outputs, kernels);
  }

  /**
   * Reads the non-zeros of the value bound to {@code x} from {@code rows} (kept with the data: {@link
   * SparseRows#of}, once) in the products that can, instead of looking for them on every run; for
   * classifying a test set many times, say. On the first run with a given shape the plan checks that
   * they are the bound value's; after that the caller keeps them in step with what it binds. Clears the
   * specialisations made so far.
   *
   * @return this plan
   * @throws IllegalArgumentException when the outputs do not read {@code x}
   */
  public Plan sparseInput(Variable x, SparseRows rows) {
    checkArgument(schedule.variables.contains(x), "sparseInput: the outputs read no variable '%s'", x.name());
    Map<Variable, SparseRows> sparse = new java.util.HashMap<>(layouts.sparse());
    sparse.put(x, java.util.Objects.requireNonNull(rows, "sparse rows"));
    layouts = new Program.Layouts(Map.of(), sparse, java.util.Set.of());
    cache.clear();
    last = null;
    return this;
  }

  /** The variables the outputs depend on; each must be bound for a run. */
  public List<Variable> variables() {
    return schedule.variables;
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
      for (int k = 0; k < bound.length; k++) {
        Variable v = schedule.variables.get(k);
        Tensor t = bindings.valueOf(v);
        if (t == null) {
          throw Evaluator.unbound(v, bindings);
        }
        bound[k] = t;
      }
      // the same shapes as last time need no lookup (and no key): a run then allocates nothing
      if (last == null || !last.fits(bound)) {
        last = specialisation();
        lastView = Collections.unmodifiableList(Arrays.asList(last.outs));
      }
      last.run(bound);
      return checkedOutputs(last, bindings);
    } finally {
      running.set(false);
    }
  }

  /** The program for the bound values' shapes, made (and cached) on first use. */
  private Program specialisation() {
    Shape[] shapes = new Shape[bound.length];
    for (int k = 0; k < bound.length; k++) {
      shapes[k] = bound[k].shape();
    }
    List<Shape> key = List.of(shapes);
    Program program = cache.get(key);
    if (program == null) {
      program = new Program(schedule, shapes, kernels, layouts);
      cache.put(key, program);
      specialisations++;
    }
    return program;
  }

  private List<Tensor> checkedOutputs(Program program, Bindings bindings) {
    for (int k = 0; k < program.outs.length; k++) {
      if (!program.outs[k].isFinite()) {
        Evaluator.of(schedule.outputs).run(bindings); // throws, naming the first node that went non-finite
        throw new NonFiniteValueException(schedule.outputs.get(k), "evaluate: output " + k + " is not finite: "
            + schedule.outputs.get(k));
      }
    }
    return lastView;
  }

  /**
   * The program of the most recent specialisation, one instruction per line in the style of a JAX
   * jaxpr: {@code %5:[10, 30] = fused[sigmoid(matmul[transB] x w1 + b1)]   (buffer 0)}.
   */
  @Override
  public String toString() {
    if (last == null) {
      return "{ plan of " + schedule.size() + " nodes, not yet specialised: run it once }";
    }
    return last.listing();
  }
}
