package dev.nabla.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Power;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.graph.Variable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fails when a primitive or an elementwise operator has no gradient property in {@link
 * OperationGradientProperties}: a method whose name mentions it (e.g. {@code gradientOfSigmoid…},
 * {@code comparisonsPassNoGradient} for the comparisons). No classpath scanning: the sealed hierarchy
 * and the enums list what exists.
 */
class OperationCoverageTest {
  private static final String PROPERTY_NAMES = Arrays.stream(OperationGradientProperties.class.getDeclaredMethods())
      .map(Method::getName).collect(Collectors.joining(" ")).toLowerCase(Locale.ROOT);

  private static void assertCovered(String what, String... anyOf) {
    assertTrue(Arrays.stream(anyOf).anyMatch(n -> PROPERTY_NAMES.contains(n.toLowerCase(Locale.ROOT).replace("_", ""))),
        what + " has no gradient property mentioning any of " + List.of(anyOf));
  }

  @Test
  void everyPrimitiveHasAGradientProperty() {
    for (Class<?> kind : Expr.class.getPermittedSubclasses()) {
      if (kind == Variable.class || kind == Constant.class) {
        continue; // leaves: no operation
      }
      assertCovered(kind.getSimpleName(), kind.getSimpleName(), kind == Unary.class ? "sigmoid" : "-", kind == Binary.class
          ? "add" : "-", kind == Reduce.class ? "sum" : "-", kind == Power.class ? "pow" : "-");
    }
  }

  @Test
  void everyElementwiseOperatorAndReductionHasAGradientProperty() {
    for (UnaryOp op : UnaryOp.values()) {
      assertCovered("UnaryOp." + op, "gradientOf" + op.name(), op.name().replace("STOP_GRADIENT", "stopGradient"));
    }
    for (BinaryOp op : BinaryOp.values()) {
      assertCovered("BinaryOp." + op, op.isComparison() ? "comparisonsPassNoGradient" : "gradientOf" + op.name());
    }
    for (ReduceOp op : ReduceOp.values()) {
      assertCovered("ReduceOp." + op, "gradientOf" + op.name(), op == ReduceOp.ARGMAX ? "argmaxAndCount" : "-");
    }
  }
}
