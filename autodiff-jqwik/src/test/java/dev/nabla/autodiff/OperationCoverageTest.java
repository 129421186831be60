package dev.nabla.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.CaseFormat;
import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Composites;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.UnaryOp;
import dev.nabla.autodiff.graph.Variable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when an operation has no properties: every differentiable operator constant, primitive and
 * composite needs a first-order property ({@code gradientOf<Name>Matches…}) and a second-order one
 * ({@code hessianVectorProductOf<Name>Matches…}); one that passes no gradient needs a property saying so
 * ({@code …PassNoGradient}, naming it). Whether an operator constant is differentiable is read off its
 * VJP, not listed here. No classpath scanning: the sealed hierarchy, the enums and {@link Composites}
 * list what exists.
 */
class OperationCoverageTest {
  private static final List<Class<?>> PROPERTY_CLASSES = List.of(OperationGradientProperties.class,
      ElementwiseFunctionProperties.class, SelectionGradientProperties.class, OperationSecondOrderProperties.class,
      StructuralSecondOrderProperties.class);
  private static final List<String> NAMES = PROPERTY_CLASSES.stream()
      .flatMap(c -> Arrays.stream(c.getDeclaredMethods())).map(Method::getName).toList();
  /** Primitives whose properties go by other names as well, for the forms users call. */
  private static final Map<Class<?>, List<String>> ALIASES = Map.of(
      dev.nabla.autodiff.graph.Slice.class, List.of("Slice", "Index"),
      dev.nabla.autodiff.graph.Concat.class, List.of("Concat", "Stack"),
      dev.nabla.autodiff.graph.Power.class, List.of("Pow", "Square"));

  private static void assertBothOrders(String what, String name) {
    assertTrue(NAMES.stream().anyMatch(n -> n.startsWith("gradientOf" + name + "Matches")),
        what + " has no first-order property gradientOf" + name + "Matches…");
    assertTrue(NAMES.stream().anyMatch(n -> n.startsWith("hessianVectorProductOf" + name + "Matches")),
        what + " has no second-order property hessianVectorProductOf" + name + "Matches…");
  }

  private static void assertNoGradientProperty(String what, String mention) {
    assertTrue(NAMES.stream().anyMatch(n -> (n.endsWith("PassNoGradient") || n.endsWith("PassesNoGradient"))
            && n.toLowerCase(Locale.ROOT).contains(mention.toLowerCase(Locale.ROOT))),
        what + " passes no gradient, but no …PassNoGradient property mentions " + mention);
  }

  private static String pascal(Enum<?> op) {
    return CaseFormat.UPPER_UNDERSCORE.to(CaseFormat.UPPER_CAMEL, op.name());
  }

  private static boolean differentiable(Expr node, Expr adjoint) {
    return node.vjp(adjoint).stream().anyMatch(Optional::isPresent);
  }

  @Test
  void everyUnaryOperatorHasItsProperties() {
    Variable x = Variable.of("x", 3);
    for (UnaryOp op : UnaryOp.values()) {
      if (differentiable(Unary.of(op, x), x)) {
        assertBothOrders("UnaryOp." + op, pascal(op));
      } else {
        assertNoGradientProperty("UnaryOp." + op, pascal(op));
      }
    }
  }

  @Test
  void everyBinaryOperatorHasItsProperties() {
    Variable a = Variable.of("a", 3);
    Variable b = Variable.of("b", 3);
    for (BinaryOp op : BinaryOp.values()) {
      if (differentiable(Binary.of(op, a, b), a)) {
        assertBothOrders("BinaryOp." + op, pascal(op));
      } else {
        assertNoGradientProperty("BinaryOp." + op, op.isComparison() ? "comparisons" : pascal(op));
      }
    }
  }

  @Test
  void everyReductionHasItsProperties() {
    Variable x = Variable.of("x", 2, 3);
    for (ReduceOp op : ReduceOp.values()) {
      if (differentiable(Reduce.of(op, x, false, 1), Variable.of("g", 2))) {
        assertBothOrders("ReduceOp." + op, pascal(op));
      } else {
        assertNoGradientProperty("ReduceOp." + op, pascal(op));
      }
    }
  }

  /** Unary, Binary and Reduce are covered through their operators above. */
  @Test
  void everyOtherPrimitiveHasItsProperties() {
    for (Class<?> kind : Expr.class.getPermittedSubclasses()) {
      if (Stream.of(Variable.class, Constant.class, Unary.class, Binary.class, Reduce.class).anyMatch(kind::equals)) {
        continue;
      }
      List<String> names = ALIASES.getOrDefault(kind, List.of(kind.getSimpleName()));
      boolean noGradient = NAMES.stream().anyMatch(n -> n.endsWith("PassNoGradient")
          && n.toLowerCase(Locale.ROOT).contains(kind.getSimpleName().toLowerCase(Locale.ROOT)));
      if (!noGradient) {
        names.forEach(name -> assertBothOrders(kind.getSimpleName(), name));
      }
    }
  }

  @Test
  void everyCompositeHasItsProperties() {
    for (Method m : Composites.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers())) {
        continue;
      }
      String name = CaseFormat.LOWER_CAMEL.to(CaseFormat.UPPER_CAMEL, m.getName());
      boolean noGradient = NAMES.stream().anyMatch(n -> n.endsWith("PassNoGradient")
          && n.toLowerCase(Locale.ROOT).contains(m.getName().toLowerCase(Locale.ROOT)));
      if (!noGradient) {
        assertBothOrders("Composites." + m.getName(), name);
      }
    }
  }
}
