package dev.nabla.autodiff.eval;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private final Variable x = variable("x", Shape.batch(3));
  private final Variable w = variable("w", 2, 3);

  @Test
  void evaluatesSeveralOutputsInOnePassForAnyBatchSize() {
    Expr z = matmul(x, transpose(w));
    Expr cost = sum(z);
    Evaluator ev = Evaluator.of(List.of(cost, z));
    Tensor wv = Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 1}});
    List<Tensor> small = ev.run(Bindings.of(x, Tensor.of(new double[][] {{1, 2, 3}}), w, wv));
    assertEquals(6.0, small.get(0).item());
    assertArrayEquals(new double[] {1, 5}, small.get(1).toArray());
    List<Tensor> big = ev.run(Bindings.of(x, Tensor.ones(1000, 3), w, wv));
    assertEquals(Shape.of(1000, 2), big.get(1).shape());
    assertEquals(3000.0, big.get(0).item());
  }

  @Test
  void anUnboundVariableIsNamedWithItsShapeAndTheBoundOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> evaluate(matmul(x, transpose(w)), Bindings.of(x, Tensor.ones(2, 3))));
    assertEquals("evaluate: variable 'w' [2, 3] is not bound; bound are {x: [2, 3]}", e.getMessage());
  }

  @Test
  void aBindingOfTheWrongShapeIsRejectedNamingBothShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bindings.of(x, Tensor.ones(2, 4)));
    assertEquals("variable 'x' has shape [?, 3] but is bound to a tensor of shape [2, 4]", e.getMessage());
  }

  @Test
  void aNaNProducedByAnOperationNamesTheNode() {
    Variable v = variable("v", 2);
    Expr bad = log(v);
    NonFiniteValueException e = assertThrows(NonFiniteValueException.class,
        () -> evaluate(sum(bad), Bindings.of(v, Tensor.of(1, -1))));
    assertSame(bad, e.node());
    assertTrue(e.getMessage().startsWith("evaluate: log produced NaN at flat index 1"), e.getMessage());
    assertTrue(e.getMessage().contains("inputs all finite"), e.getMessage());
    assertTrue(e.getMessage().contains("in node: log(v)"), e.getMessage());
  }

  @Test
  void anInfinityInABindingIsReportedAgainstTheVariable() {
    Variable v = variable("v", 2);
    NonFiniteValueException e = assertThrows(NonFiniteValueException.class,
        () -> evaluate(sum(v), Bindings.of(v, Tensor.of(1, Double.POSITIVE_INFINITY))));
    assertEquals("evaluate: the value bound to variable 'v' contains Infinity at flat index 1", e.getMessage());
  }

  @Test
  void aRuntimeShapeConflictNamesTheOperationAndNode() {
    Variable a = variable("a", Shape.batch(2));
    Variable b = variable("b", Shape.batch(2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> evaluate(add(a, b), Bindings.of(a, Tensor.ones(3, 2), b, Tensor.ones(4, 2))));
    assertTrue(e.getMessage().startsWith("add: [3, 2] and [4, 2] cannot be broadcast — sizes 3 and 4 differ on axis 0"),
        e.getMessage());
    assertTrue(e.getMessage().contains("in node: a + b"), e.getMessage());
  }

  @Test
  void listsTheVariablesItNeeds() {
    assertEquals(List.of(x, w), Evaluator.of(List.of(matmul(x, transpose(w)))).variables());
  }
}
