package dev.nabla.autodiff.print;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Notation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders an expression graph in one {@link Notation.Syntax}. Each node renders itself; this class
 * supplies its inputs, parenthesised by precedence, and names subexpressions so that the output stays
 * readable and linear in the graph's size:
 *
 * <ul>
 *   <li>a subexpression printed in more than one place (longer than a few characters) is printed once,
 *       as {@code s₁ = …}, and referred to by its name, as the seeds' backpropagation equations name
 *       the activations;
 *   <li>a subexpression whose inline form would grow past about a line is named too, so a chain of 500
 *       operations prints as a chain of named steps.
 * </ul>
 *
 * The definitions follow the expression, inputs first: {@code s₂ * (1 - s₂) where s₁ = x @ wᵀ + b; s₂ =
 * σ(s₁)}. Nodes that print as one of their inputs (broadcasts, and reshapes that only add or drop axes
 * of size 1) are never named. Both passes walk the graph in topological order, without recursion.
 */
final class Printer {
  /** Inline text up to this long is never named, even when used twice (names, {@code exp(x)}). */
  private final int trivial;
  /** Inline text longer than this is named wherever it is used. */
  private final int longest;
  private final Notation.Syntax syntax;
  /** The nodes to name, decided by another printer (LaTeX names what text names), or null to decide here. */
  private final Set<Expr> given;
  private final Set<Expr> named = Collections.newSetFromMap(new IdentityHashMap<>());

  Printer(Notation.Syntax syntax) {
    this(syntax, null);
  }

  private Printer(Notation.Syntax syntax, Set<Expr> given) {
    this.syntax = syntax;
    this.given = given;
    this.trivial = 7;
    this.longest = 120;
  }

  /** LaTeX with the subexpressions that text names named alike, so that {@code s₁} means the same in both. */
  static String latex(Expr root) {
    Printer text = new Printer(Notation.Syntax.TEXT);
    text.render(root);
    return new Printer(Notation.Syntax.LATEX, text.named).render(root);
  }

  String render(Expr root) {
    List<Expr> order = Graph.topologicalOrder(List.of(root));
    int n = order.size();
    Map<Expr, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(order.get(i), i);
    }
    int[] refs = new int[n];
    int[] sameAs = new int[n]; // the input a node prints as, or -1
    countReferences(order, index, refs, sameAs);

    String[] text = new String[n];
    int[] precedence = new int[n];
    String[] name = new String[n];
    List<String> definitions = new ArrayList<>();
    int body = n - 1;
    while (sameAs[body] >= 0) {
      body = sameAs[body];
    }
    for (int i = 0; i < n; i++) {
      if (refs[i] == 0) {
        continue; // not printed (a shape reference, or absorbed into its consumer's notation)
      }
      if (sameAs[i] >= 0) {
        int t = sameAs[i];
        text[i] = text[t];
        precedence[i] = precedence[t];
        name[i] = name[t];
        continue;
      }
      Expr node = order.get(i);
      text[i] = node.render(new Rendering(node, index, text, precedence, name));
      precedence[i] = syntax == Notation.Syntax.LATEX ? node.latexPrecedence() : node.precedence();
      int length = text[i].length();
      boolean shared = refs[i] >= 2 && length > trivial;
      boolean decided = given != null ? given.contains(node) : shared || length > longest;
      if (i != body && !node.inputs().isEmpty() && decided) {
        named.add(node);
        name[i] = nameOf(definitions.size() + 1);
        definitions.add(name[i] + " = " + text[i]);
      }
    }
    String result = text[body];
    if (definitions.isEmpty()) {
      return result;
    }
    return syntax == Notation.Syntax.LATEX
        ? result + " \\quad\\text{where}\\quad " + String.join(",\\quad ", definitions)
        : result + " where " + String.join("; ", definitions);
  }

  /**
   * How often each node is printed by its consumers, walking from the root towards the leaves: a
   * consumer that prints as its input (its rendering is exactly that input's) passes its own count on.
   */
  private void countReferences(List<Expr> order, Map<Expr, Integer> index, int[] refs, int[] sameAs) {
    int n = order.size();
    refs[n - 1] = 1;
    for (int i = n - 1; i >= 0; i--) {
      sameAs[i] = -1;
      if (refs[i] == 0) {
        continue;
      }
      Counting counting = new Counting(order.get(i), index);
      String s = order.get(i).render(counting);
      if (counting.used.size() == 1 && s.equals(Counting.placeholder(counting.used.get(0)))) {
        sameAs[i] = counting.used.get(0);
        refs[sameAs[i]] += refs[i];
      } else {
        for (int t : counting.used) {
          refs[t]++;
        }
      }
    }
  }

  private String nameOf(int k) {
    if (syntax == Notation.Syntax.LATEX) {
      return "s_{" + k + "}";
    }
    StringBuilder sb = new StringBuilder("s");
    for (char c : Integer.toString(k).toCharArray()) {
      sb.append((char) ('₀' + (c - '0')));
    }
    return sb.toString();
  }

  /** The first pass: inputs render as unique placeholders, and every use is recorded. */
  private final class Counting implements Notation {
    private final Expr node;
    private final Map<Expr, Integer> index;
    private final List<Integer> used = new ArrayList<>(2);

    Counting(Expr node, Map<Expr, Integer> index) {
      this.node = node;
      this.index = index;
    }

    static String placeholder(int i) {
      return "\u0001" + i + "\u0002";
    }

    @Override
    public Syntax syntax() {
      return syntax;
    }

    @Override
    public String arg(int i, int minPrecedence) {
      return expr(node.inputs().get(i), minPrecedence);
    }

    @Override
    public String expr(Expr e, int minPrecedence) {
      int t = index.get(e);
      used.add(t);
      return placeholder(t);
    }
  }

  /** The second pass: inputs render as their names or their text, parenthesised by precedence. */
  private final class Rendering implements Notation {
    private final Expr node;
    private final Map<Expr, Integer> index;
    private final String[] text;
    private final int[] precedence;
    private final String[] name;

    Rendering(Expr node, Map<Expr, Integer> index, String[] text, int[] precedence, String[] name) {
      this.node = node;
      this.index = index;
      this.text = text;
      this.precedence = precedence;
      this.name = name;
    }

    @Override
    public Syntax syntax() {
      return syntax;
    }

    @Override
    public String arg(int i, int minPrecedence) {
      return expr(node.inputs().get(i), minPrecedence);
    }

    @Override
    public String expr(Expr e, int minPrecedence) {
      int t = index.get(e);
      if (name[t] != null) {
        return name[t];
      }
      if (precedence[t] >= minPrecedence) {
        return text[t];
      }
      return syntax == Syntax.LATEX ? "\\left(" + text[t] + "\\right)" : "(" + text[t] + ")";
    }
  }
}
