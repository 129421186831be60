package dev.nabla.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session in local mode for tests: no UI, no console progress bar, bound to the loopback
 * address, with its scratch space in {@code target/spark-scratch}. {@link #close} stops Spark and
 * checks that Spark's threads have ended.
 *
 * <p>The scratch directory is one per JVM, not one per session: Spark caches its local directories
 * in a static field for the life of the JVM, so a second session would recreate the first one's after
 * it was deleted. Spark deletes what it writes there (its block manager's files when it stops, the
 * rest when the JVM exits); the empty directory stays in {@code target/}.
 */
final class LocalSpark implements AutoCloseable {
  private static final List<String> SPARK_THREADS = List.of("dispatcher-event-loop", "Executor task launch",
      "spark-listener-group", "task-result-getter", "driver-heartbeater", "Spark Context Cleaner", "dag-scheduler");

  final SparkSession session;
  final JavaSparkContext jsc;
  private static final Path SCRATCH = Path.of("target", "spark-scratch");

  LocalSpark(String master) {
    try {
      Files.createDirectories(SCRATCH);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    session = SparkSession.builder().master(master).appName("nabla-spark tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.local.dir", SCRATCH.toAbsolutePath().toString())
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.locality.wait", "0")
        .getOrCreate();
    jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
  }

  @Override
  public void close() {
    session.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    awaitSparkThreadsEnded();
  }

  private static void awaitSparkThreadsEnded() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> alive = sparkThreads();
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      alive = sparkThreads();
    }
    if (!alive.isEmpty()) {
      throw new AssertionError("Spark threads still running after stop: " + alive);
    }
  }

  static List<String> sparkThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> SPARK_THREADS.stream().anyMatch(n::startsWith)).sorted().toList();
  }
}
