package dev.nabla.examples.mnist.cli;

import dev.nabla.nn.Network;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Keeps the best model of a run on disk: each new best epoch is saved over the model file at once
 * (atomically: {@link Network#save} writes a temporary file and renames it), so an interrupted or
 * failed run still leaves the best model so far. On Ctrl-C or {@code kill} a shutdown hook waits for
 * a save in progress to finish (so no temporary file is left behind), blocks any later save, and says
 * where the model is.
 */
final class Checkpoints implements AutoCloseable {
  private final Path file;
  private final PrintWriter err;
  private final Thread hook;
  private final Object lock = new Object();
  private boolean shuttingDown; // guarded by lock
  private volatile int epochRunning;
  private volatile int savedEpoch; // 0: nothing saved yet
  private volatile double savedAccuracy;

  Checkpoints(Path file, PrintWriter err) {
    this.file = file;
    this.err = err;
    this.hook = new Thread(this::interrupted, "mnist-train-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Epoch {@code epoch} (from 1) is running; named if the run is interrupted. */
  void running(int epoch) {
    epochRunning = epoch;
  }

  /** Saves {@code net}, the best model so far (epoch {@code epoch}, its validation accuracy), over the file. */
  void save(Network net, int epoch, double validationAccuracy) throws IOException {
    synchronized (lock) {
      if (shuttingDown) {
        return;
      }
      net.save(file);
      savedEpoch = epoch;
      savedAccuracy = validationAccuracy;
    }
  }

  /** Something that writes files. */
  @FunctionalInterface
  interface Writing {
    void run() throws IOException;
  }

  /**
   * Runs {@code writing} (the report, say) so that an interrupt waits for it to finish instead of leaving
   * half-written temporary files; does nothing once the run is being interrupted.
   */
  void write(Writing writing) throws IOException {
    synchronized (lock) {
      if (!shuttingDown) {
        writing.run();
      }
    }
  }

  /** True once the run is being interrupted (the shutdown hook has started). */
  boolean beingInterrupted() {
    synchronized (lock) {
      return shuttingDown;
    }
  }

  /** The epoch of the model in the file, or 0 when none was saved. */
  int savedEpoch() {
    return savedEpoch;
  }

  /** Where the model is, for messages: "the best model so far (epoch 3, validation accuracy 91.2%) is in FILE". */
  String whereTheModelIs() {
    return savedEpoch == 0
        ? "no model was saved (no epoch finished)"
        : String.format(Locale.ROOT, "the best model so far (epoch %d, validation accuracy %.2f%%) is in %s", savedEpoch,
            100 * savedAccuracy, file);
  }

  private void interrupted() {
    synchronized (lock) {
      shuttingDown = true;
    }
    err.println();
    err.println("mnist train: interrupted " + (epochRunning == 0 ? "before the first epoch" : "during epoch " + epochRunning) + "; "
        + whereTheModelIs());
    err.flush();
  }

  /** The run is over: the shutdown hook is removed. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run; it has said what there is to say
    }
  }
}
