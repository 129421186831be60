package dev.nabla.nn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A saved-network file could not be read: it is truncated, corrupted, of another format or version,
 * or holds a network other than the one the caller expects. {@link #problem()} says which; the
 * message names the file and the details.
 *
 * <pre>{@code
 * try {
 *   Network net = NetworkFile.load(path, 784, 30, 10);
 * } catch (NetworkFileException e) {
 *   if (e.problem() == NetworkFileException.Problem.MISMATCH) { … }
 * }
 * }</pre>
 */
public final class NetworkFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the file. */
  public enum Problem {
    /** The file ends before the data its header describes (or inside the header). */
    TRUNCATED("truncated"),
    /** The file does not start with the magic bytes {@code NABLANET}: not a saved network. */
    BAD_MAGIC("not a Nabla network file"),
    /** The format version is not one this reader understands. */
    UNSUPPORTED_VERSION("unsupported format version"),
    /** The header fails its checksum or holds impossible values. */
    CORRUPT_HEADER("corrupted header"),
    /** The weights and biases fail their checksum or are not finite. */
    CORRUPT_DATA("corrupted data"),
    /** The file is longer than its header describes. */
    TRAILING_DATA("unexpected trailing bytes"),
    /** A valid file, but its architecture is not the one the caller asked for. */
    MISMATCH("network does not match");

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

  private final transient Path file;
  private final Problem problem;

  NetworkFileException(Path file, Problem problem, String details) {
    super(file + ": " + problem.description() + " — " + details);
    this.file = file;
    this.problem = problem;
  }

  /**
   * What was wrong.
   *
   * <pre>{@code
   * e.problem();   // e.g. Problem.TRUNCATED
   * }</pre>
   */
  public Problem problem() {
    return problem;
  }

  /**
   * The file that was read.
   *
   * <pre>{@code
   * e.file();   // e.g. mnist.nabla
   * }</pre>
   */
  public Path file() {
    return file;
  }
}
