package dev.nabla.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.autodiff.check.GradientCheck;
import dev.nabla.autodiff.diff.Derivatives;
import dev.nabla.autodiff.diff.Gradients;
import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Evaluator;
import dev.nabla.autodiff.graph.Binary;
import dev.nabla.autodiff.graph.Composites;
import dev.nabla.autodiff.graph.Concat;
import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Count;
import dev.nabla.autodiff.graph.Expand;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Gather;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.MatMul;
import dev.nabla.autodiff.graph.Pad;
import dev.nabla.autodiff.graph.Power;
import dev.nabla.autodiff.graph.Reduce;
import dev.nabla.autodiff.graph.Reshape;
import dev.nabla.autodiff.graph.ScatterAdd;
import dev.nabla.autodiff.graph.Slice;
import dev.nabla.autodiff.graph.Transpose;
import dev.nabla.autodiff.graph.Unary;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.graph.Where;
import dev.nabla.autodiff.print.DotPrinter;
import dev.nabla.autodiff.print.LatexPrinter;
import dev.nabla.autodiff.print.TextPrinter;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A null argument anywhere in the public API fails with a {@link NullPointerException} whose message
 * names the parameter (as {@code grad: wrt[0] is null}), never a bare one. Sweeps every public method of
 * the user-facing classes by reflection, passing null for one reference parameter at a time (and, for
 * arrays and lists, an array holding a null), with workable values for the others.
 */
class NullArgumentsTest {
  private static final Variable W = Variable.of("w", 2, 2);
  /** The primitives' own rules (kernels, shape rules, VJPs) are called by the library, not by users. */
  private static final Set<String> SPI = Set.of("computeInto", "evaluate", "concreteShape", "vjp", "withInputs", "render",
      "equals", "parameters", "latexPrecedence");

  private static final List<Class<?>> STATIC_API = List.of(Nabla.class, Tensor.class, Shape.class, Bindings.class,
      Evaluator.class, GradientCheck.class, Gradients.class, Derivatives.class, LatexPrinter.class, TextPrinter.class,
      DotPrinter.class, Composites.class, Graph.class, Binary.class, Unary.class, Reduce.class, Slice.class, Pad.class,
      Gather.class, ScatterAdd.class, Concat.class, Where.class, Expand.class, Count.class, MatMul.class, Transpose.class,
      Reshape.class, Power.class, Constant.class, Variable.class);

  private static final Map<Object, Class<?>> INSTANCES = Map.of(W, Expr.class, Tensor.ones(2, 2), Tensor.class,
      Shape.of(2, 2), Shape.class, Bindings.empty(), Bindings.class, Bindings.builder(), Bindings.Builder.class,
      Evaluator.of(List.of(W)), Evaluator.class, GradientCheck.of(Nabla.sum(W)), GradientCheck.class);
  private static int checked;

  @Test
  void everyStaticMethodNamesANullParameter() throws ReflectiveOperationException {
    List<String> failures = new ArrayList<>();
    checked = 0;
    for (Class<?> type : STATIC_API) {
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
          sweep(null, m, failures);
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertTrue(checked > 250, "only " + checked + " null arguments tried");
  }

  @Test
  void everyInstanceMethodNamesANullParameter() throws ReflectiveOperationException {
    List<String> failures = new ArrayList<>();
    checked = 0;
    for (Map.Entry<Object, Class<?>> e : INSTANCES.entrySet()) {
      for (Method m : e.getValue().getMethods()) {
        if (!Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass().getPackageName().startsWith("dev.nabla")
            && !SPI.contains(m.getName())) {
          sweep(e.getKey(), m, failures);
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertTrue(checked > 25, "only " + checked + " null arguments tried");
  }

  private static void sweep(Object receiver, Method m, List<String> failures) throws ReflectiveOperationException {
    Parameter[] params = m.getParameters();
    for (int i = 0; i < params.length; i++) {
      Class<?> t = params[i].getType();
      if (t.isPrimitive()) {
        continue;
      }
      Object[] args = defaults(params);
      args[i] = null;
      expectNamed(receiver, m, args, params[i].getName(), failures);
      if (t.isArray() && !t.getComponentType().isPrimitive()) {
        Object[] holder = (Object[]) java.lang.reflect.Array.newInstance(t.getComponentType(), 1);
        args[i] = holder;
        expectNamed(receiver, m, args, params[i].getName() + "[0]", failures);
      } else if (t == List.class) {
        List<Object> holder = new ArrayList<>();
        holder.add(null);
        args[i] = holder;
        expectNamed(receiver, m, args, params[i].getName() + "[0]", failures);
      }
    }
  }

  private static void expectNamed(Object receiver, Method m, Object[] args, String name, List<String> failures)
      throws IllegalAccessException {
    checked++;
    String where = m.getDeclaringClass().getSimpleName() + "." + m.getName() + " with " + name + " null";
    try {
      m.invoke(receiver, args);
      failures.add(where + ": no exception");
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      String message = cause.getMessage();
      if (!(cause instanceof NullPointerException)) {
        failures.add(where + ": " + cause);
      } else if (message == null || !message.contains(name) || !message.contains("null")) {
        failures.add(where + ": message '" + message + "' does not name " + name);
      }
    }
  }

  /** Values that every method accepts, so only the null one can fail. */
  private static Object[] defaults(Parameter[] params) {
    Object[] args = new Object[params.length];
    for (int i = 0; i < params.length; i++) {
      args[i] = defaultFor(params[i].getType(), params[i].getName());
    }
    return args;
  }

  private static Object defaultFor(Class<?> t, String name) {
    if (t == int.class) {
      return 0;
    } else if (t == long.class) {
      return 1L;
    } else if (t == double.class) {
      return 1.0;
    } else if (t == boolean.class) {
      return false;
    } else if (t == int[].class) {
      return name.equals("perm") ? new int[] {1, 0} : new int[] {2};
    } else if (t == double[].class) {
      return new double[] {1, 2, 3, 4};
    } else if (t == double[][].class) {
      return new double[][] {{1}};
    } else if (t == double[][][].class) {
      return new double[][][] {{{1}}};
    } else if (t == String.class) {
      return "s";
    } else if (t == Variable.class || t == Expr.class) {
      return W;
    } else if (t == Variable[].class) {
      return new Variable[] {W};
    } else if (t == Expr[].class) {
      return new Expr[] {W};
    } else if (t == Tensor.class) {
      return Tensor.ones(2, 2);
    } else if (t == Shape.class) {
      return Shape.of(2, 2);
    } else if (t == Bindings.class) {
      return Bindings.of(W, Tensor.ones(2, 2));
    } else if (t == List.class) {
      return List.of(W);
    } else if (t == Map.class) {
      return Map.of();
    } else if (t == Random.class) {
      return new Random(1);
    } else if (t.isEnum()) {
      return t.getEnumConstants()[0];
    }
    return fail("no default for a parameter of type " + t);
  }
}
