package dev.nabla.autodiff.io;

import static dev.nabla.autodiff.io.GraphFormatException.Problem.BAD_ATTRIBUTE;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.DANGLING_REFERENCE;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.DUPLICATE_DEFINITION;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.NOT_A_GRAPH_FILE;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.NO_OUTPUTS;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.SHAPE_MISMATCH;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.SYNTAX;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.TRAILING_CONTENT;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.TRUNCATED;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.UNKNOWN_OPERATION;
import static dev.nabla.autodiff.io.GraphFormatException.Problem.UNKNOWN_VERSION;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.io.GraphFormatException.Problem;
import dev.nabla.autodiff.io.Tokens.Kind;
import dev.nabla.autodiff.io.Tokens.Token;
import dev.nabla.autodiff.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the format documented on {@link GraphFile}, checking in order: the header line, the version,
 * that the file is complete (its {@code end} line) with nothing after it, then each line, rebuilding
 * every node with its primitive's public factory so that shapes are checked again.
 */
final class GraphReader {
  private final String source;
  private final List<String> lines;
  private final Map<Integer, Expr> nodes = new HashMap<>();
  private final Map<Integer, Integer> definedAt = new HashMap<>();
  private final Map<String, Expr> outputs = new LinkedHashMap<>();
  private final List<Variable> variables = new ArrayList<>();
  private int lineNo;

  private GraphReader(String source, List<String> lines) {
    this.source = source;
    this.lines = lines;
  }

  static GraphFile read(String source, String text, boolean validUtf8) throws GraphFormatException {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.endsWith("\r")) {
        lines.set(i, l.substring(0, l.length() - 1));
      }
    }
    return new GraphReader(source, lines).read(validUtf8);
  }

  private GraphFile read(boolean validUtf8) throws GraphFormatException {
    int end = header();
    if (!validUtf8) {
      throw fail(0, SYNTAX, "the file is not valid UTF-8 text");
    }
    List<String> pending = null; // value lines of the constant being read
    int nodeLine = 0;
    for (int i = 1; i < end; i++) {
      String line = lines.get(i);
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        if (pending == null) {
          throw fail(i + 1, SYNTAX, "an indented line of values that follows no node");
        }
        for (String v : line.trim().split("[ \t]+")) {
          if (!v.isEmpty()) {
            pending.add(v);
          }
        }
        continue;
      }
      if (pending != null) {
        statement(nodeLine, pending);
        pending = null;
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.startsWith("%")) {
        pending = new ArrayList<>();
        nodeLine = i + 1;
      } else if (trimmed.startsWith("output")) {
        output(i + 1, trimmed);
      } else {
        throw fail(i + 1, SYNTAX, "expected a node (%N = …), an output (output \"name\" = %N) or end, found '"
            + abbreviate(trimmed) + "'");
      }
    }
    if (pending != null) {
      statement(nodeLine, pending);
    }
    if (outputs.isEmpty()) {
      throw fail(0, NO_OUTPUTS, "the file names no output; add a line such as output \"cost\" = %7");
    }
    return GraphFile.of(outputs).withVariables(variables);
  }

  /** Checks the header, the version and the end line; returns the index of the end line. */
  private int header() throws GraphFormatException {
    String first = lines.get(0).strip();
    boolean onlyLine = lines.size() == 1; // no newline at all: the file may end inside its first line
    if (first.isEmpty() && lines.size() == 1) {
      throw fail(0, TRUNCATED, "the file is empty");
    }
    if (!first.startsWith(GraphFile.MAGIC)) {
      if (onlyLine && GraphFile.MAGIC.startsWith(first)) {
        throw fail(1, TRUNCATED, "the file ends inside its header line '" + first + "'");
      }
      throw fail(1, NOT_A_GRAPH_FILE, "the first line is '" + abbreviate(first) + "', expected '"
          + GraphFile.MAGIC + " " + GraphFile.VERSION + "'");
    }
    String version = first.substring(GraphFile.MAGIC.length()).strip();
    if (version.isEmpty() && onlyLine) {
      throw fail(1, TRUNCATED, "the file ends inside its header line '" + first + "'");
    }
    if (!version.equals(Integer.toString(GraphFile.VERSION))) {
      throw fail(1, UNKNOWN_VERSION, "the file has version '" + abbreviate(version) + "'; this reader reads version "
          + GraphFile.VERSION);
    }
    int end = -1;
    for (int i = 1; i < lines.size() && end < 0; i++) {
      String l = lines.get(i);
      if (l.strip().equals("end") && !Character.isWhitespace(l.charAt(0))) {
        end = i;
      }
    }
    if (end < 0) {
      int count = lines.size() - (lines.get(lines.size() - 1).isEmpty() ? 1 : 0);
      throw fail(0, TRUNCATED, "the file has " + count + " lines and no 'end' line; it was cut short");
    }
    for (int i = end + 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        throw fail(i + 1, TRAILING_CONTENT, "'" + abbreviate(lines.get(i).strip()) + "' after the end line "
            + (end + 1));
      }
    }
    return end;
  }

  /** A node line: {@code %N = operation(inputs…, key=value…) : shape}, with its value lines. */
  private void statement(int line, List<String> values) throws GraphFormatException {
    lineNo = line;
    try {
      node(line, values);
    } catch (Attributes.Fault f) {
      throw fail(line, f.problem, f.getMessage());
    }
  }

  private void node(int line, List<String> values) throws GraphFormatException {
    Cursor c = cursor(lines.get(line - 1));
    int id = c.ref("a node number");
    Integer earlier = definedAt.putIfAbsent(id, line);
    if (earlier != null) {
      throw fail(line, DUPLICATE_DEFINITION, "%" + id + " is defined on line " + earlier + " and again here");
    }
    c.expect("=");
    String operation = c.word("an operation");
    NodeFormat<?> format = NodeFormats.reading(operation);
    if (format == null) {
      throw fail(line, UNKNOWN_OPERATION, "'" + abbreviate(operation) + "' (known: " + NodeFormats.known() + ")");
    }
    c.expect("(");
    List<Expr> inputs = new ArrayList<>();
    Map<String, Attributes.Value> attributes = new LinkedHashMap<>();
    while (!c.peek(")")) {
      if (!inputs.isEmpty() || !attributes.isEmpty()) {
        c.expect(",");
      }
      if (c.peekKind(Kind.REF)) {
        if (!attributes.isEmpty()) {
          throw fail(line, SYNTAX, "inputs come before attributes");
        }
        inputs.add(node(c.ref("an input")));
      } else {
        String key = c.word("an input (%N) or an attribute (key=value)");
        c.expect("=");
        if (attributes.put(key, c.value()) != null) {
          throw fail(line, BAD_ATTRIBUTE, operation + ": the attribute " + key + " is given twice");
        }
      }
    }
    c.expect(")");
    c.expect(":");
    Shape declared = Attributes.shape(c.list("a shape such as [?, 784]"), "the declared shape");
    c.expectEnd();
    if (!format.takes(inputs.size())) {
      throw fail(line, SYNTAX, operation + " takes " + format.inputCounts() + ", the line gives " + inputs.size());
    }
    Attributes.In in = new Attributes.In(operation, attributes, values, declared);
    Expr built;
    try {
      built = format.build(operation, in, inputs);
      in.checkAllUsed();
    } catch (IllegalArgumentException rejected) {
      throw fail(line, SHAPE_MISMATCH, operation + " of " + shapes(inputs) + ": " + rejected.getMessage());
    }
    if (!built.shape().equals(declared)) {
      throw fail(line, SHAPE_MISMATCH, "the line declares " + declared + ", but " + operation + " of "
          + shapes(inputs) + " gives " + built.shape());
    }
    nodes.put(id, built);
    if (built instanceof Variable v) {
      variables.add(v);
    }
  }

  /** {@code output "name" = %N}. */
  private void output(int line, String text) throws GraphFormatException {
    lineNo = line;
    Cursor c = cursor(text);
    if (!c.word("output").equals("output")) {
      throw fail(line, SYNTAX, "expected output \"name\" = %N");
    }
    String name = c.string("the output's name in quotes");
    c.expect("=");
    Expr node = node(c.ref("the output's node"));
    c.expectEnd();
    if (outputs.putIfAbsent(name, node) != null) {
      throw fail(line, DUPLICATE_DEFINITION, "output " + GraphWriter.quote(name) + " is named twice");
    }
  }

  private Expr node(int id) throws GraphFormatException {
    Expr e = nodes.get(id);
    if (e == null) {
      throw fail(lineNo, DANGLING_REFERENCE, "%" + id + " is not defined before this line");
    }
    return e;
  }

  private Cursor cursor(String text) throws GraphFormatException {
    try {
      return new Cursor(Tokens.split(text));
    } catch (Tokens.LexException e) {
      throw fail(lineNo, SYNTAX, e.getMessage());
    }
  }

  private static String shapes(List<Expr> inputs) {
    return inputs.stream().map(e -> e.shape().toString()).toList().toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  GraphFormatException fail(int line, Problem problem, String details) {
    return new GraphFormatException(source, line, problem, details);
  }

  /** Reads the tokens of one line in order, failing with what was expected. */
  private final class Cursor {
    private final List<Token> tokens;
    private int next;

    Cursor(List<Token> tokens) {
      this.tokens = tokens;
    }

    private Token take(String expected) throws GraphFormatException {
      if (next >= tokens.size()) {
        throw fail(lineNo, SYNTAX, "the line ends where " + expected + " should follow");
      }
      return tokens.get(next++);
    }

    private GraphFormatException unexpected(Token t, String expected) {
      next--;
      return fail(lineNo, SYNTAX, "expected " + expected + ", found " + t);
    }

    boolean peek(String punct) {
      return next < tokens.size() && tokens.get(next).is(punct);
    }

    boolean peekKind(Kind kind) {
      return next < tokens.size() && tokens.get(next).kind() == kind;
    }

    void expect(String punct) throws GraphFormatException {
      Token t = take("'" + punct + "'");
      if (!t.is(punct)) {
        throw unexpected(t, "'" + punct + "'");
      }
    }

    void expectEnd() throws GraphFormatException {
      if (next < tokens.size()) {
        throw fail(lineNo, SYNTAX, "unexpected " + tokens.get(next) + " at the end of the line");
      }
    }

    int ref(String expected) throws GraphFormatException {
      Token t = take(expected);
      if (t.kind() != Kind.REF) {
        throw unexpected(t, expected + " (%N)");
      }
      try {
        return Integer.parseInt(t.text());
      } catch (NumberFormatException tooLong) {
        throw fail(lineNo, Problem.BAD_NUMBER, "node number %" + abbreviate(t.text()) + " is too large");
      }
    }

    String word(String expected) throws GraphFormatException {
      Token t = take(expected);
      if (t.kind() != Kind.WORD) {
        throw unexpected(t, expected);
      }
      return t.text();
    }

    String string(String expected) throws GraphFormatException {
      Token t = take(expected);
      if (t.kind() != Kind.STRING) {
        throw unexpected(t, expected);
      }
      return t.text();
    }

    List<String> list(String expected) throws GraphFormatException {
      expect("[");
      List<String> items = new ArrayList<>();
      while (!peek("]")) {
        if (!items.isEmpty()) {
          expect(",");
        }
        items.add(word(expected));
      }
      expect("]");
      return items;
    }

    Attributes.Value value() throws GraphFormatException {
      if (peek("[")) {
        return Attributes.Value.list(list("a list item"));
      }
      Token t = take("a value");
      return switch (t.kind()) {
        case STRING -> Attributes.Value.string(t.text());
        case WORD -> Attributes.Value.word(t.text());
        default -> throw unexpected(t, "a value (a word, a \"string\" or a [list])");
      };
    }
  }
}
