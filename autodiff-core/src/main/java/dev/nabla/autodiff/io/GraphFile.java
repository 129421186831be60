package dev.nabla.autodiff.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Graph;
import dev.nabla.autodiff.graph.Variable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An expression graph as a file: named outputs (a cost, its gradients, …), and the variables they
 * depend on, with their shapes and the values of their constants. The format is text, one node per
 * line, in the order they are computed:
 *
 * <pre>
 * nabla-graph 1
 * %0 = variable(name="x") : [?, 3]
 * %1 = variable(name="w") : [3, 1]
 * %2 = matmul(%0, %1, transA=false, transB=false) : [?, 1]
 * %3 = constant() : [1]
 *   0.5
 * %4 = sub(%2, %3) : [?, 1]
 * %5 = pow(%4, exponent=2.0) : [?, 1]
 * %6 = sum(%5, axes=[0, 1], keepDims=false) : []
 * output "cost" = %6
 * end
 * </pre>
 *
 * <p>A node line is {@code %id = operation(inputs…, key=value…) : shape}: its inputs are nodes
 * defined on earlier lines, its attributes are the operation's parameters, and its shape ({@code ?}
 * for an open dimension) is checked against the shape the operation gives. A constant's values follow
 * on indented lines (at most eight a line, a new line for each row of its last axis), written so that
 * they read back bit for bit: the shortest decimal that round-trips, {@code NaN}, {@code Infinity},
 * and the raw bits in hex for a NaN with another payload. Lines starting with {@code #} are comments.
 * {@code output "name" = %id} names an output; the {@code end} line closes the file, so a file cut
 * short is recognised. The version in the first line changes whenever the format does.
 *
 * <p>Reading rebuilds every node with its primitive's public factory, so shapes are checked again and
 * the graph is the one the code would build (with the same simplifications). A bad file is rejected
 * with a {@link GraphFormatException} naming the line and the problem. Writing and reading a graph
 * gives the same structure (nodes, sharing, variables with their names and shapes) and bit-identical
 * constants.
 *
 * <pre>{@code
 * GraphFile.of(Map.of("cost", cost)).save(Path.of("cost.graph"));
 * GraphFile g = GraphFile.load(Path.of("cost.graph"));
 * Expr cost = g.output("cost");
 * Variable w = g.variable("w");
 * }</pre>
 */
public final class GraphFile {
  /** The first word of every graph file. */
  public static final String MAGIC = "nabla-graph";
  /** The format version this class writes and reads. */
  public static final int VERSION = 1;

  private final ImmutableMap<String, Expr> outputs;
  private final ImmutableList<Variable> variables;

  private GraphFile(Map<String, Expr> outputs, List<Variable> variables) {
    this.outputs = ImmutableMap.copyOf(outputs);
    this.variables = ImmutableList.copyOf(variables);
  }

  /**
   * A graph of the given outputs, in the map's order.
   *
   * <pre>{@code
   * GraphFile g = GraphFile.of(Map.of("cost", cost));
   * }</pre>
   *
   * @throws IllegalArgumentException when there is no output or a name is empty
   */
  public static GraphFile of(Map<String, ? extends Expr> outputs) {
    checkNotNull(outputs, "graph file: outputs");
    checkArgument(!outputs.isEmpty(), "graph file: at least one output is needed");
    Map<String, Expr> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Expr> e : outputs.entrySet()) {
      checkArgument(e.getKey() != null && !e.getKey().isEmpty(), "graph file: an output needs a non-empty name");
      copy.put(e.getKey(), checkNotNull(e.getValue(), "graph file: output '%s'", e.getKey()));
    }
    return new GraphFile(copy, Graph.variables(List.copyOf(copy.values())));
  }

  /**
   * This graph, also keeping {@code extra} variables that no output depends on (a parameter a cost
   * ignores, say), after the graph's own.
   *
   * <pre>{@code
   * GraphFile g = GraphFile.of(Map.of("cost", cost)).withVariables(List.of(x, y, w));
   * }</pre>
   */
  public GraphFile withVariables(List<Variable> extra) {
    Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Variable> all = new ArrayList<>();
    for (Variable v : variables) {
      seen.add(v);
      all.add(v);
    }
    for (Variable v : extra) {
      if (seen.add(checkNotNull(v, "graph file: a null variable"))) {
        all.add(v);
      }
    }
    return new GraphFile(outputs, all);
  }

  /** The outputs by name, in order. */
  public Map<String, Expr> outputs() {
    return outputs;
  }

  /**
   * The output called {@code name}.
   *
   * @throws IllegalArgumentException naming the outputs there are, when there is none of that name
   */
  public Expr output(String name) {
    Expr e = outputs.get(name);
    checkArgument(e != null, "graph file: no output named '%s'; the outputs are %s", name, outputs.keySet());
    return e;
  }

  /** Every variable, in the order of the file (first use, then the extra ones). */
  public List<Variable> variables() {
    return variables;
  }

  /**
   * The variable called {@code name}.
   *
   * @throws IllegalArgumentException when there is none, or more than one, of that name
   */
  public Variable variable(String name) {
    List<Variable> named = variables.stream().filter(v -> v.name().equals(name)).toList();
    checkArgument(named.size() == 1, named.isEmpty()
        ? "graph file: no variable named '%s'; the variables are %s"
        : "graph file: %s variables are named '%s'; take them from variables() by position",
        named.isEmpty() ? name : named.size(), named.isEmpty() ? variables.stream().map(Variable::name).toList() : name);
    return named.get(0);
  }

  /** The file's text (UTF-8 when saved). */
  public String toText() {
    return GraphWriter.write(this);
  }

  /**
   * Reads a graph from its text.
   *
   * @param source a name for messages, such as the file name
   * @throws GraphFormatException when the text is not a valid graph file; the message names the line
   */
  public static GraphFile parse(String text, String source) throws GraphFormatException {
    return GraphReader.read(checkNotNull(source, "source"), checkNotNull(text, "text"), true);
  }

  /**
   * Reads a graph from UTF-8 bytes (a file's contents).
   *
   * @throws GraphFormatException when the bytes are not a valid graph file
   */
  public static GraphFile parse(byte[] utf8, String source) throws GraphFormatException {
    checkNotNull(utf8, "bytes");
    boolean valid = true;
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException malformed) {
      valid = false;
      text = new String(utf8, StandardCharsets.UTF_8);
    }
    return GraphReader.read(checkNotNull(source, "source"), text, valid);
  }

  /**
   * Reads a graph file.
   *
   * @throws GraphFormatException when the file is not a valid graph file; the message names the file
   *     and the line
   * @throws IOException when the file cannot be read
   */
  public static GraphFile load(Path file) throws IOException {
    return parse(Files.readAllBytes(checkNotNull(file, "file")), file.toString());
  }

  /**
   * Writes this graph to {@code file} atomically: to a temporary file in the same directory, forced to
   * disk, then renamed over {@code file}, so a crash never leaves a half-written graph under its name.
   *
   * @throws IOException when writing or renaming fails (the target is then unchanged)
   */
  public void save(Path file) throws IOException {
    AtomicWrite.write(checkNotNull(file, "file"), toText().getBytes(StandardCharsets.UTF_8));
  }

  /** The file's text. */
  @Override
  public String toString() {
    return toText();
  }
}
