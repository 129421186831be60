package dev.nabla.autodiff.jqwik;

import java.util.function.Supplier;

/**
 * The {@link AssertionError} a gradient assertion throws. Its message is composed when it is first read:
 * while jqwik shrinks a failing sample it runs the check many times and reads only the last message, so
 * the work of locating the wrong component is done once, not on every shrinking step.
 */
final class GradientAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private transient Supplier<String> compose;
  private String message;

  GradientAssertionError(Supplier<String> compose) {
    this.compose = compose;
  }

  @Override
  public synchronized String getMessage() {
    if (compose != null) {
      message = compose.get();
      compose = null;
    }
    return message;
  }
}
