package dev.nabla.autodiff.eval;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a {@link TrainingStep} compiles: the schedule of the cost, the gradients it stores and the
 * operands of its fused updates; and per set of data shapes (cached, as a plan caches them) a {@link
 * Program} with the updates that follow it.
 */
final class StepProgram {
  final Schedule schedule;
  final Program.Layouts layouts;
  private final List<Expr> checkedExprs;
  private final Set<Variable> parameters;
  private final Map<List<Shape>, Compiled> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<List<Shape>, Compiled> eldest) {
      return size() > Plan.CACHE_SIZE;
    }
  };

  /**
   * @param choices how each parameter is held and updated, in order
   * @param sparse the data inputs whose non-zeros are kept with the data
   */
  StepProgram(Expr cost, List<StepLayout.Choice> choices, StepParameters values, Map<Variable, SparseRows> sparse) {
    List<Expr> requested = new ArrayList<>(List.of(cost));
    List<Expr> extraRoots = new ArrayList<>();
    for (StepLayout.Choice c : choices) {
      if (c.fused()) {
        extraRoots.add(c.a());
        extraRoots.add(c.g());
      } else {
        requested.add(c.gradient());
      }
    }
    this.schedule = new Schedule(requested, extraRoots);
    this.checkedExprs = new ArrayList<>(requested);
    checkedExprs.addAll(extraRoots);
    this.parameters = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    choices.forEach(c -> parameters.add(c.parameter()));
    this.layouts = new Program.Layouts(values.packedByVariable(), sparse,
        StepLayout.valuesUnread(schedule, sparse.keySet(), values.packedByVariable()));
  }

  /** The program for the bound values' shapes (in schedule-variable order), made and cached on first use. */
  Compiled forShapes(Shape[] shapes, Kernels kernels, StepParameters values) {
    List<Shape> key = List.of(shapes);
    Compiled c = cache.get(key);
    if (c == null) {
      Program program = new Program(schedule, shapes, kernels, layouts);
      c = new Compiled(program, values.updates(schedule, program, kernels, layouts), checkedSlots());
      cache.put(key, c);
    }
    return c;
  }

  /**
   * The cost, the stored gradients and the fused updates' computed operands: what must be finite before
   * anything changes. Bound data is not scanned (as a plan does not scan it): a NaN in the data reaches the
   * cost or a checked operand anyway, unless a kernel skipped it as a zero it was not.
   */
  private int[] checkedSlots() {
    return IntStream.concat(Arrays.stream(schedule.outputSlots), Arrays.stream(schedule.extraRootSlots))
        .filter(s -> !(schedule.node(s) instanceof Variable)).distinct().toArray();
  }

  /**
   * The exception for a non-finite value in {@code slot}, after a run on {@code data} at {@code params}: an
   * evaluator, given the same values, names the first node that produced it.
   */
  NonFiniteValueException diagnose(Bindings data, Map<Variable, Tensor> params, int slot) {
    Bindings all = data;
    for (Variable x : layouts.valuesUnread()) {
      all = all.with(x, layouts.sparse().get(x).toTensor()); // the values the run used
    }
    for (Map.Entry<Variable, Tensor> e : params.entrySet()) {
      all = all.with(e.getKey(), e.getValue());
    }
    Evaluator.of(checkedExprs).run(all); // throws, naming the first node that went non-finite
    return new NonFiniteValueException(schedule.node(slot), "training step: " + schedule.node(slot) + " is not finite");
  }

  /**
   * A program for one set of data shapes, the updates that follow it and the slots checked before them.
   * An update may read a parameter's own value (the gradient of {@code Σ a ⊙ b} with respect to {@code a}
   * is {@code b}): those values are copied before the first update changes any parameter, so every update
   * reads the values of before the step.
   */
  final class Compiled {
    final Program program;
    private final Update[] updates;
    final int[] checked;
    private final int[] aliased; // slots of parameters that an update reads
    private final Tensor[] copies;
    private final Tensor[] own;

    private Compiled(Program program, Update[] updates, int[] checked) {
      this.program = program;
      this.updates = updates;
      this.checked = checked;
      this.aliased = Arrays.stream(updates).flatMapToInt(u -> Arrays.stream(u.reads()))
          .filter(s -> schedule.node(s) instanceof Variable v && parameters.contains(v)).distinct().toArray();
      this.copies = new Tensor[aliased.length];
      this.own = new Tensor[aliased.length];
      for (int i = 0; i < aliased.length; i++) {
        copies[i] = Tensor.wrap(program.shape(aliased[i]), new double[program.shape(aliased[i]).size()]);
      }
    }

    /** Applies every update, with {@code rule}'s η and μ, from the values of the last run. */
    void applyUpdates(UpdateRule rule) {
      Tensor[] values = program.valuesForUpdates();
      for (int i = 0; i < aliased.length; i++) {
        own[i] = values[aliased[i]];
        System.arraycopy(own[i].rawData(), 0, copies[i].rawData(), 0, own[i].size());
        values[aliased[i]] = copies[i];
      }
      for (Update u : updates) {
        u.apply(values, rule);
      }
      for (int i = 0; i < own.length; i++) {
        values[aliased[i]] = own[i];
      }
    }
  }
}
