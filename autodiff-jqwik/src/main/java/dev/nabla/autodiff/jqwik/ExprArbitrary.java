package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.Nabla;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * An arbitrary of well-formed expression graphs over fixed variables, built by {@link ExprGraphs}.
 *
 * <p>A graph is generated as a short program: a list of steps, each an operation code, a partner
 * choice (counted back from the newest node) and a parameter. Running the program on the variables
 * appends one node per step, applied to the newest node and a partner chosen from all nodes so far
 * (so nodes are shared and variables enter anywhere); the last node is the result. Because jqwik
 * shrinks the list (fewer steps) and each integer (toward 0: the newest partner, the first
 * operation), a failing graph shrinks to a few nodes. Every program builds a valid graph: each
 * operation adapts its operands' shapes. Program lengths are uniform in {@code 1..maxOperations}.
 *
 * <pre>{@code
 * ExprGraphs.costs(x, w).maxOperations(6).operations(OperationSet.SMOOTH)
 * }</pre>
 */
public final class ExprArbitrary extends ArbitraryDecorator<Expr> {
  private static final int CHOICES = 8;
  private static final int PARAMETERS = 12;

  private final ImmutableList<Variable> variables;
  private final OperationSet operations;
  private final int maxOperations;
  private final boolean scalarCost;

  ExprArbitrary(List<Variable> variables, OperationSet operations, int maxOperations, boolean scalarCost) {
    this.variables = ImmutableList.copyOf(variables);
    this.operations = checkNotNull(operations, "operations");
    this.maxOperations = maxOperations;
    this.scalarCost = scalarCost;
  }

  /** A generated program step: operation code, partner choice (0 = the newest node) and parameter. */
  record Step(int op, int partner, int parameter) {}

  @Override
  protected Arbitrary<Expr> arbitrary() {
    GraphOp[] ops = operations.ops();
    Arbitrary<Step> steps = Combinators.combine(
        Arbitraries.integers().between(0, ops.length - 1),
        Arbitraries.integers().between(0, CHOICES - 1),
        Arbitraries.integers().between(0, PARAMETERS - 1)).as(Step::new);
    // uniform program lengths: jqwik's default favours short lists, which would rarely build deep graphs
    return steps.list().ofMinSize(1).ofMaxSize(maxOperations).withSizeDistribution(RandomDistribution.uniform())
        .map(program -> build(program, ops));
  }

  /** Runs {@code program} on the variables; for a cost, contracts the result with fixed weights. */
  Expr build(List<Step> program, GraphOp[] ops) {
    List<Expr> pool = new ArrayList<>(variables);
    boolean smooth = operations.guarded();
    for (Step s : program) {
      Expr x = pool.get(pool.size() - 1);
      Expr y = pool.get(pool.size() - 1 - s.partner() % pool.size());
      pool.add(ops[s.op()].apply(x, y, s.parameter(), smooth));
    }
    Expr result = pool.get(pool.size() - 1);
    if (!scalarCost) {
      return result;
    }
    // distinct weights per element, so a gradient sent to the wrong element is noticed
    Tensor weights = Tensor.randomNormal(result.shape(), 0, 1, 42);
    return Nabla.sum(Nabla.mul(result, Nabla.constant(weights)));
  }

  /** Graphs of at most {@code n} operations (default 8). */
  public ExprArbitrary maxOperations(int n) {
    checkArgument(n >= 1, "ExprArbitrary.maxOperations: need at least 1, got %s", n);
    return new ExprArbitrary(variables, operations, n, scalarCost);
  }

  /** Graphs using {@code set} (default {@link OperationSet#SMOOTH}). */
  public ExprArbitrary operations(OperationSet set) {
    return new ExprArbitrary(variables, set, maxOperations, scalarCost);
  }
}
