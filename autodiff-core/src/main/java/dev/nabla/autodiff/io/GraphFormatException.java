package dev.nabla.autodiff.io;

import java.io.IOException;

/**
 * A graph file could not be read: {@link #problem()} says what kind of fault it is, {@link #line()}
 * where (from 1; 0 when the fault is not on one line), and the message names the source, the line and
 * the details, e.g. {@code cost.graph:7: unknown operation — 'sigmod' (known: abs, add, …)}.
 *
 * <pre>{@code
 * try {
 *   GraphFile graph = GraphFile.load(Path.of("cost.graph"));
 * } catch (GraphFormatException e) {
 *   if (e.problem() == GraphFormatException.Problem.UNKNOWN_VERSION) { … }
 * }
 * }</pre>
 */
public final class GraphFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the file. */
  public enum Problem {
    /** The file does not start with the line {@code nabla-graph <version>}. */
    NOT_A_GRAPH_FILE("not a Nabla graph file"),
    /** The version is not one this reader understands. */
    UNKNOWN_VERSION("unknown format version"),
    /** The file ends before its {@code end} line: it was cut short. */
    TRUNCATED("truncated"),
    /** Something after the {@code end} line. */
    TRAILING_CONTENT("content after the end line"),
    /** A line that is not a node, an output, a comment or the end. */
    SYNTAX("syntax error"),
    /** A node names an operation this reader does not know. */
    UNKNOWN_OPERATION("unknown operation"),
    /** An attribute of a node is missing, repeated, unknown or of the wrong type. */
    BAD_ATTRIBUTE("bad attribute"),
    /** A node or an output refers to a node that is not defined on an earlier line. */
    DANGLING_REFERENCE("dangling reference"),
    /** A node id or an output name is defined twice. */
    DUPLICATE_DEFINITION("defined twice"),
    /**
     * A node's declared shape is not the shape its operation gives for its inputs, a constant's values
     * do not fill its shape, or the operation rejects the shapes of its inputs.
     */
    SHAPE_MISMATCH("shape does not fit"),
    /** A number (a value, a dimension, an attribute) that cannot be read. */
    BAD_NUMBER("bad number"),
    /** The file names no output. */
    NO_OUTPUTS("no outputs");

    private final String description;

    Problem(String description) {
      this.description = description;
    }

    /**
     * A short phrase, used at the start of the message.
     *
     * <pre>{@code
     * Problem.TRUNCATED.description();   // "truncated"
     * }</pre>
     */
    public String description() {
      return description;
    }
  }

  private final String source;
  private final int line;
  private final Problem problem;

  GraphFormatException(String source, int line, Problem problem, String details) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem.description() + " — " + details);
    this.source = source;
    this.line = line;
    this.problem = problem;
  }

  /**
   * What was wrong.
   *
   * <pre>{@code
   * e.problem();   // e.g. Problem.DANGLING_REFERENCE
   * }</pre>
   */
  public Problem problem() {
    return problem;
  }

  /**
   * The line of the fault, from 1; 0 when it concerns the whole file (a missing end line, no outputs).
   *
   * <pre>{@code
   * e.line();   // e.g. 7
   * }</pre>
   */
  public int line() {
    return line;
  }

  /**
   * The file or source name given to the reader.
   *
   * <pre>{@code
   * e.source();   // e.g. "cost.graph"
   * }</pre>
   */
  public String source() {
    return source;
  }
}
