package dev.nabla.autodiff;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every build-time error names the operation and the shapes involved. */
class ErrorMessagesTest {
  private static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void matmulRejectsMismatchedInnerDimensions() {
    Variable x = variable("x", 10, 784);
    Variable w = variable("w", 30, 784);
    assertEquals("matmul: [10, 784] x [30, 784] — inner dimensions 784 and 30 differ", message(() -> matmul(x, w)));
    assertEquals("matmul: [30, 784]ᵀ x [10, 784]ᵀ — inner dimensions 30 and 784 differ",
        message(() -> matmul(transpose(w), transpose(x))));
  }

  @Test
  void matmulRejectsAnOpenInnerDimensionAgainstAFixedOne() {
    Variable x = variable("x", Shape.batch(4));
    assertEquals("matmul: [?, 4]ᵀ x [?, 4]ᵀ — inner dimensions ? and 4: an open size against a fixed one; reshape so they agree",
        message(() -> matmul(transpose(x), transpose(x))));
  }

  @Test
  void matmulRejectsOperandsOfRankThree() {
    assertEquals("matmul: [2, 2, 2] x [2, 2] — operands must be vectors or matrices",
        message(() -> matmul(variable("a", 2, 2, 2), variable("b", 2, 2))));
  }

  @Test
  void broadcastingRejectsIncompatibleShapes() {
    assertEquals("add: [10, 3] and [4] cannot be broadcast — sizes 3 and 4 differ on axis 1",
        message(() -> add(variable("a", 10, 3), variable("b", 4))));
  }

  @Test
  void broadcastingRejectsAnOpenDimensionAgainstAFixedOne() {
    assertEquals("mul: [?, 3] and [10, 3] — axis 0 has an open size against 10; bind a shape or reshape so they agree",
        message(() -> mul(variable("a", Shape.batch(3)), variable("b", 10, 3))));
  }

  @Test
  void reshapeRejectsAnElementCountThatDoesNotFit() {
    assertEquals("reshape: [2, 3] has 6 elements, which do not fit [4]", message(() -> reshape(variable("a", 2, 3), Shape.of(4))));
  }

  @Test
  void reductionsRejectAnAxisOutOfRange() {
    assertEquals("sum: axis 2 is out of range for [2, 3] (rank 2)", message(() -> sum(variable("a", 2, 3), 2, false)));
  }

  @Test
  void transposeRejectsSomethingThatIsNotAPermutation() {
    assertEquals("transpose: [0, 0] is not a permutation of the axes of [2, 3]",
        message(() -> transpose(variable("a", 2, 3), 0, 0)));
  }

  @Test
  void shapesRejectNonPositiveDimensions() {
    assertEquals("shape [3, 0]: dimension 1 is 0; dimensions must be positive (or Shape.ANY for an open one)",
        message(() -> Shape.of(3, 0)));
  }

  @Test
  void powRejectsANonFiniteExponent() {
    assertEquals("pow: exponent must be finite, got NaN", message(() -> pow(variable("a"), Double.NaN)));
  }

  @Test
  void tensorFactoriesNameANegativeDimensionRatherThanCallingItOpen() {
    assertEquals("Tensor.zeros: dimension 0 of [-1] is -1; a tensor's dimensions must be positive",
        message(() -> Tensor.zeros(-1)));
    assertEquals("Tensor.ones: dimension 1 of [3, 0] is 0; a tensor's dimensions must be positive",
        message(() -> Tensor.ones(3, 0)));
  }

  @Test
  void bindingAVariableOfTheSameNameSaysThatTwoVariablesShareTheName() {
    Variable w = variable("w", 3);
    Variable other = variable("w", 3);
    assertEquals("evaluate: variable 'w' [3] is not bound; a different variable also named 'w' [3] is bound: two "
        + "variables share the name 'w'. Bind the variable object the expression was built from",
        message(() -> evaluate(sum(w), Bindings.of(other, Tensor.ones(3)))));
    assertEquals("evaluate: variable 'w' [3] is not bound; bound are {x: [2]}",
        message(() -> evaluate(sum(w), Bindings.of(variable("x", 2), Tensor.ones(2)))));
  }

  @Test
  void bindingsOfAnyNumberOfVariablesComeFromABuilder() {
    Variable a = variable("a");
    Variable b = variable("b", 2);
    Variable c = variable("c", Shape.batch(2));
    Variable d = variable("d");
    Bindings bindings = Bindings.builder().bind(a, Tensor.scalar(1)).bind(b, Tensor.of(2, 3)).bind(c, Tensor.ones(4, 2))
        .bind(d, Tensor.scalar(5)).build();
    assertEquals("{a: [], b: [2], c: [4, 2], d: []}", bindings.toString());
    assertEquals(1 + 5 + 5 + 8, evaluate(add(add(a, d), add(sum(b), sum(c))), bindings).item());
    assertEquals("variable 'b' has shape [2] but is bound to a tensor of shape [3]",
        message(() -> Bindings.builder().bind(b, Tensor.ones(3))));
  }
}
