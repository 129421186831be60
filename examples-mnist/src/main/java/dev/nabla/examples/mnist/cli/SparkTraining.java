package dev.nabla.examples.mnist.cli;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Network;
import dev.nabla.optim.Dataset;
import dev.nabla.optim.TrainingDivergedException;
import dev.nabla.optim.TrainingListener;
import dev.nabla.optim.TrainingResult;
import dev.nabla.spark.Examples;
import dev.nabla.spark.Example;
import dev.nabla.spark.SparkGradientDescent;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code mnist train --spark MASTER}: the same cost, parameters and listener as the local run, trained
 * by nabla-spark's {@link SparkGradientDescent} in a Spark session of this JVM. Each step samples
 * Bernoulli batches of {@code --batch-size} examples in expectation (MLlib's scheme), so the batches
 * differ from the local run's shuffled ones; an "epoch" is as many steps as the local run takes.
 *
 * <p>Only this class touches Spark's types, and {@link TrainCommand} calls it only with {@code
 * --spark}, so the other commands run without Spark on the class path.
 */
final class SparkTraining {
  private SparkTraining() {}

  /**
   * Trains {@code net}'s parameters on {@code data} through Spark with {@code options}' settings
   * ({@code --spark}, η and its schedule, batch size, epochs, seed, momentum, weight decay of the weights)
   * and returns what the local trainer returns.
   *
   * @throws TrainingDivergedException as the local trainer does
   * @throws IllegalStateException in one line when Spark fails (a job, or starting the session)
   */
  static TrainingResult train(TrainCommand options, Network net, Expr cost, Variable x, Variable y, Dataset data,
      TrainingListener listener) {
    SparkGradientDescent sgd = SparkGradientDescent.builder().learningRateSchedule(options.schedule())
        .batchesOf(options.batchSize, data.size()).epochs(options.epochs).seed(options.seed).momentum(options.momentum)
        .weightDecay(options.weightDecay, net.layers().stream().map(Dense::weights).toList()).build();
    String master = options.spark;
    SparkSession session = start(master);
    // on Ctrl-C or kill, Spark's own hook stops it while a job runs, and its threads then log the tasks it
    // rejects; the command has already said what matters (where the best model is), so Spark is silenced
    Thread quiet = new Thread(() -> session.sparkContext().setLogLevel("OFF"), "mnist-train-spark-quiet");
    Runtime.getRuntime().addShutdownHook(quiet);
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
      JavaRDD<Example> examples = Examples.fromDataset(jsc, data, Math.min(data.size(), jsc.defaultParallelism()));
      return sgd.train(cost, x, y, net.parameters().toMap(), examples, listener);
    } catch (TrainingDivergedException | IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw fromSpark(e, "training on Spark (" + master + ") failed");
    } finally {
      session.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
      try {
        Runtime.getRuntime().removeShutdownHook(quiet);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  /** A session of this JVM with no web UI and no console progress bar, bound to the loopback address. */
  private static SparkSession start(String master) {
    try {
      return SparkSession.builder().master(master).appName("mnist train")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
    } catch (Exception e) {
      throw fromSpark(e, "cannot start Spark with master " + master);
    }
  }

  /**
   * {@code e} as it is when Spark had no part in it (the listener's own failure, say), else as one line:
   * what failed and the first line of Spark's reason (its messages go on with the driver's stack trace).
   */
  private static RuntimeException fromSpark(Exception e, String what) {
    Throwable spark = e;
    while (spark != null && !(spark instanceof SparkException) && !spark.getClass().getName().startsWith("org.apache.spark")) {
      spark = spark.getCause();
    }
    if (spark == null) {
      return e instanceof RuntimeException r ? r : new IllegalStateException(what + ": " + e.getMessage(), e);
    }
    String reason = spark.getMessage() == null ? spark.getClass().getSimpleName() : spark.getMessage().lines().findFirst().orElse("");
    return new IllegalStateException(what + ": " + reason, e);
  }
}
