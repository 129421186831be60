package dev.nabla.autodiff.eval;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlanTest {
  private final Variable x = variable("x", Shape.batch(3));
  private final Variable w = variable("w", 2, 3);
  private final Expr cost = mean(square(sigmoid(matmul(x, transpose(w)))));
  private final List<Expr> outputs = List.of(cost, grad(cost, w).get(0));

  private Bindings at(int rows, long seed) {
    return Bindings.of(x, Tensor.randomNormal(Shape.of(rows, 3), 0, 1, seed), w, Tensor.randomNormal(Shape.of(2, 3), 0, 1, seed + 1));
  }

  @Test
  void reusesItsSpecialisationWhileShapesStayTheSameAndAddsOneForNewShapes() {
    Plan plan = Plan.of(outputs);
    for (int i = 0; i < 5; i++) {
      assertEquals(Evaluator.evaluate(outputs, at(10, i)), List.copyOf(plan.run(at(10, i))));
    }
    assertEquals(1, plan.specialisations());
    assertEquals(Evaluator.evaluate(outputs, at(7, 9)), List.copyOf(plan.run(at(7, 9))));
    assertEquals(2, plan.specialisations());
    assertEquals(Evaluator.evaluate(outputs, at(10, 3)), List.copyOf(plan.run(at(10, 3))));
    assertEquals(2, plan.specialisations(), "batch 10 is still cached");
  }

  @Test
  void returnsViewsThatTheNextRunOverwrites() {
    Plan plan = Plan.of(outputs);
    Tensor first = plan.run(at(4, 1)).get(1);
    double[] copy = first.toArray();
    plan.run(at(4, 2));
    assertTrue(first.maxAbsDifference(Tensor.of(first.shape(), copy)) > 0, "documented: outputs are views of reused buffers");
  }

  @Test
  void printsItsProgramWithBuffersAndFusedInstructions() {
    Plan plan = Plan.of(outputs);
    assertEquals("{ plan of 15 nodes, not yet specialised: run it once }".replaceAll("\\d+", "#"),
        plan.toString().replaceAll("\\d+", "#"));
    plan.run(at(4, 1));
    String program = plan.toString();
    assertTrue(program.startsWith("{ lambda x:[4, 3] w:[2, 3] .\n"), program);
    assertTrue(program.contains(":[4, 2] = fused[sigmoid(matmul[transB] x w)]   (buffer 0)"), program);
    assertTrue(program.matches("(?s).*:\\[4, 2\\] = fused\\[%\\d+ \\* \\(%3 \\* \\(1 - %3\\)\\)\\].*"), program);
    assertTrue(program.contains("buffers"), program);
  }

  @Test
  void reportsUnboundVariablesAndNonFiniteValuesLikeTheEvaluator() {
    Plan plan = Plan.of(List.of(sum(log(x))));
    assertThrows(IllegalArgumentException.class, () -> plan.run(Bindings.empty()));
    NonFiniteValueException e = assertThrows(NonFiniteValueException.class,
        () -> plan.run(Bindings.of(x, Tensor.of(new double[][] {{1, 2, -3}}))));
    assertTrue(e.getMessage().startsWith("evaluate: log produced NaN"), e.getMessage());
    plan.run(Bindings.of(x, Tensor.of(new double[][] {{1, 2, 3}})));
    NonFiniteValueException again = assertThrows(NonFiniteValueException.class,
        () -> plan.run(Bindings.of(x, Tensor.of(new double[][] {{1, 2, -3}}))));
    assertTrue(again.getMessage().startsWith("evaluate: log produced NaN"), "also from a cached specialisation");
  }

  @Test
  void concurrentRunsEitherSucceedCorrectlyOrAreRejectedClearly() throws Exception {
    Variable big = variable("big", Shape.batch(200));
    Variable m = variable("m", 200, 200);
    Expr c = sum(tanh(matmul(big, m)));
    Plan plan = Plan.of(List.of(c, grad(c, m).get(0)));
    Bindings b = Bindings.of(big, Tensor.randomNormal(Shape.of(50, 200), 0, 1, 1), m, Tensor.randomNormal(Shape.of(200, 200), 0, 0.1, 2));
    double expected = Evaluator.evaluate(c, b).item();
    AtomicInteger rejected = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            try {
              double got = plan.run(b).get(0).item();
              assertEquals(expected, got, 0.0);
            } catch (IllegalStateException e) {
              assertTrue(e.getMessage().startsWith("Plan.run: this plan is already running in another thread"), e.getMessage());
              rejected.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shapesBoundValuesByEachPrimitivesRuleAndNamesTheNodeWhereTheyDisagree() {
    Variable p = variable("p", Shape.batch(3));
    Variable q = variable("q", Shape.batch(3));
    Plan plan = Plan.of(List.of(sum(mul(p, q))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plan.run(Bindings.of(p, Tensor.zeros(2, 3), q, Tensor.zeros(4, 3))));
    assertEquals("mul: [2, 3] and [4, 3] cannot be broadcast — sizes 2 and 4 differ on axis 0\n"
        + "  in node: p * q\n  input shapes: [2, 3], [4, 3]", e.getMessage());
    assertEquals(0, plan.specialisations(), "nothing is cached for shapes that do not fit");
  }

  @Test
  void sharesTheVariablesOfItsOutputs() {
    assertEquals(List.of(x, w), Plan.of(outputs).variables());
    assertSame(Plan.class, Plan.of(outputs).getClass());
  }
}
