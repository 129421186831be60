package dev.nabla.examples.mnist.serve;

import com.google.errorprone.annotations.FormatMethod;

/**
 * A request the API refuses: an HTTP status (4xx) and a message for the person who sent it, which the
 * server sends as {@code {"status": 413, "error": "…"}}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  @FormatMethod
  ApiException(int status, String template, Object... args) {
    super(String.format(java.util.Locale.ROOT, template, args), null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
