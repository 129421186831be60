package dev.nabla.autodiff.print;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Graphviz DOT digraph of one or more expressions: one box per node (operation and shape), an edge
 * from each input to its consumer, outputs drawn bold. Render with {@code dot -Tsvg graph.dot}.
 */
public final class DotPrinter {
  private DotPrinter() {}

  /** The graph of {@code roots}, each node once. */
  public static String print(List<? extends Expr> roots) {
    checkNotNull(roots, "DotPrinter.print: roots is null");
    List<Expr> order = Graph.topologicalOrder(roots);
    Map<Expr, Integer> id = new IdentityHashMap<>();
    StringBuilder sb = new StringBuilder("digraph nabla {\n  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    for (Expr e : order) {
      int n = id.size();
      id.put(e, n);
      String label = e instanceof Variable || e instanceof Constant ? TextPrinter.print(e) : e.opName();
      String style = e instanceof Variable ? ", style=filled, fillcolor=\"#dde8f7\""
          : e instanceof Constant ? ", style=filled, fillcolor=\"#eeeeee\"" : "";
      if (roots.contains(e)) {
        style += ", penwidth=2";
      }
      sb.append(String.format("  n%d [label=\"%s\\n%s\"%s];%n", n, escape(label), e.shape(), style));
      for (Expr in : e.inputs()) {
        sb.append(String.format("  n%d -> n%d;%n", id.get(in), n));
      }
    }
    return sb.append("}\n").toString();
  }

  /** The graph of one expression. */
  public static String print(Expr root) {
    checkNotNull(root, "DotPrinter.print: root is null");
    return print(List.of(root));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
