package dev.nabla.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.graph.BinaryOp;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.ReduceOp;
import dev.nabla.autodiff.graph.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The format covers every primitive: a new {@code Expr} subclass or op constant without an entry in
 * {@link NodeFormats} fails here, and so does one that {@link RandomGraphs} never builds (so the round
 * trip properties would not see it).
 */
class NodeFormatsTest {
  @Test
  void everyPrimitiveOfTheSealedHierarchyHasAFormat() {
    List<String> missing = new ArrayList<>();
    for (Class<?> kind : Expr.class.getPermittedSubclasses()) {
      if (NodeFormats.ALL.stream().noneMatch(f -> f.type() == kind)) {
        missing.add(kind.getSimpleName());
      }
    }
    assertEquals(List.of(), missing, "primitives with no entry in NodeFormats.ALL");
    assertEquals(Expr.class.getPermittedSubclasses().length, NodeFormats.ALL.size(), "one entry per primitive");
  }

  @Test
  void everyOpConstantHasAFileName() {
    assertEquals(EnumSet.allOf(UnaryOp.class), EnumSet.copyOf(NodeFormats.UNARY.values()), "UnaryOp names");
    assertEquals(EnumSet.allOf(BinaryOp.class), EnumSet.copyOf(NodeFormats.BINARY.values()), "BinaryOp names");
    assertEquals(EnumSet.allOf(ReduceOp.class), EnumSet.copyOf(NodeFormats.REDUCE.values()), "ReduceOp names");
  }

  @Test
  void fileNamesAreLowerCaseWordsAndUnique() {
    Set<String> seen = new HashSet<>();
    for (NodeFormat<?> f : NodeFormats.ALL) {
      for (String op : f.operations()) {
        assertTrue(op.matches("[a-z][a-z0-9_]*"), op);
        assertTrue(seen.add(op), "used twice: " + op);
      }
    }
  }

  @Test
  void theRandomGraphsOfThePropertiesUseEveryPrimitiveAndOpConstant() {
    Set<Class<?>> kinds = new HashSet<>();
    Set<Object> ops = new HashSet<>();
    for (long seed = 0; seed < 300; seed++) {
      GraphFile g = RandomGraphs.build(seed, 30);
      for (Expr e : Graph.topologicalOrder(List.copyOf(g.outputs().values()))) {
        kinds.add(e.getClass());
        if (e.parameters() instanceof Enum<?> op) {
          ops.add(op);
        } else if (e.parameters() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof ReduceOp op) {
          ops.add(op);
        }
      }
    }
    assertEquals(Set.of(Expr.class.getPermittedSubclasses()), kinds);
    Set<Object> all = new HashSet<>();
    all.addAll(Arrays.asList(UnaryOp.values()));
    all.addAll(Arrays.asList(BinaryOp.values()));
    all.addAll(Arrays.asList(ReduceOp.values()));
    all.removeAll(ops);
    assertEquals(Set.of(), all, "op constants the random graphs never build");
  }
}
