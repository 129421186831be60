package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A file, or in-memory content, that is not a valid IDX file of the kind asked for: wrong magic
 * number, element type or number of dimensions, dimension sizes that disagree with the real length,
 * a damaged gzip stream, or values out of range (an MNIST label above 9).
 *
 * <p>The message always starts with the file's name, then says what is wrong:
 *
 * <pre>{@code
 * data/mnist/train-images-idx3-ubyte: header claims 60000 × 28 × 28 = 47040000 bytes of data but the
 * file has 1234 after the header
 * }</pre>
 *
 * <p>It is an {@link IllegalArgumentException} because the caller handed over bad data; real I/O
 * failures (a missing file, a disk error) stay {@link java.io.IOException}s.
 */
public final class IdxFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String problem;

  /** A rejection of {@code file} (a path or a name) because of {@code problem} (a sentence fragment). */
  public IdxFormatException(String file, String problem) {
    super(checkNotNull(file, "file") + ": " + checkNotNull(problem, "problem"));
    this.file = file;
    this.problem = problem;
  }

  /** The name or path of the rejected file, as given to the reader. */
  public String file() {
    return file;
  }

  /** What was wrong, without the file name. */
  public String problem() {
    return problem;
  }
}
