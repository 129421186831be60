package dev.nabla.examples.mnist.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place ({@code \r}) while an epoch runs, on a terminal only: when
 * the output is piped or redirected it prints nothing, so logs keep one line per epoch.
 */
final class Progress {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private int lastDrawn = -1;

  Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** True when standard output is a terminal. */
  static boolean onTerminal() {
    return System.console() != null;
  }

  void update(String label, long done, long total) {
    if (!enabled || total <= 0) {
      return;
    }
    int filled = (int) (WIDTH * done / total);
    if (filled == lastDrawn && done != total) {
      return;
    }
    lastDrawn = filled;
    err.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d", label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total));
    err.flush();
  }

  void clear() {
    if (enabled && lastDrawn >= 0) {
      err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
      err.flush();
      lastDrawn = -1;
    }
  }
}
