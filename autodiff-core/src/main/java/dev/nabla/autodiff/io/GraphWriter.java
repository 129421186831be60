package dev.nabla.autodiff.io;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Writes the text of a {@link GraphFile}: the format documented there. */
final class GraphWriter {
  /** Values per line of a constant; a new line also starts at every row of its last axis. */
  static final int VALUES_PER_LINE = 8;

  private GraphWriter() {}

  static String write(GraphFile graph) {
    StringBuilder out = new StringBuilder();
    out.append(GraphFile.MAGIC).append(' ').append(GraphFile.VERSION).append('\n');
    Map<Expr, Integer> ids = new IdentityHashMap<>();
    List<Expr> nodes = new ArrayList<>(graph.variables());
    for (Expr e : Graph.topologicalOrder(List.copyOf(graph.outputs().values()))) {
      if (!(e instanceof Variable)) {
        nodes.add(e);
      }
    }
    for (Expr node : nodes) {
      ids.put(node, ids.size());
      node(node, ids, out);
    }
    for (Map.Entry<String, Expr> o : graph.outputs().entrySet()) {
      out.append("output ").append(quote(o.getKey())).append(" = %").append(ids.get(o.getValue())).append('\n');
    }
    return out.append("end\n").toString();
  }

  private static void node(Expr node, Map<Expr, Integer> ids, StringBuilder out) {
    NodeFormat<?> format = NodeFormats.of(node);
    Attributes.Out attributes = new Attributes.Out();
    format.write(node, attributes);
    out.append('%').append(ids.get(node)).append(" = ").append(format.operation(node)).append('(');
    String separator = "";
    for (Expr in : node.inputs()) {
      out.append(separator).append('%').append(ids.get(in));
      separator = ", ";
    }
    for (Map.Entry<String, String> a : attributes.spelled.entrySet()) {
      out.append(separator).append(a.getKey()).append('=').append(a.getValue());
      separator = ", ";
    }
    out.append(") : ").append(node.shape()).append('\n');
    if (attributes.values != null) {
      values(attributes.values, out);
    }
  }

  private static void values(Tensor t, StringBuilder out) {
    double[] data = t.rawData();
    int row = t.shape().rank() == 0 ? 1 : t.shape().dim(-1);
    for (int start = 0; start < data.length; start += row) {
      for (int i = start; i < start + row; i += VALUES_PER_LINE) {
        out.append(' ');
        for (int k = i; k < Math.min(i + VALUES_PER_LINE, start + row); k++) {
          out.append(' ').append(Values.format(data[k]));
        }
        out.append('\n');
      }
    }
  }

  /** {@code s} in double quotes with JSON-style escapes; lone surrogates are escaped so they survive UTF-8. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
          if (pair) {
            sb.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
