package dev.nabla.spark;

import static dev.nabla.spark.Regression.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.optim.TrainingListener;
import dev.nabla.optim.TrainingResult;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task that fails is Spark's to retry: in {@code local[2,2]} (two threads, each task tried at most
 * twice) a run whose tasks fail on their first attempt ends bit-identical to a run without failures.
 */
class TaskRetryTest {
  /** First attempts that were made to fail (local mode: the executors run in this JVM). */
  static final AtomicInteger FAILED = new AtomicInteger();
  private static LocalSpark spark;

  @BeforeAll
  static void start() {
    spark = new LocalSpark("local[2,2]");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void aRunWhoseTasksFailOnceEndsBitIdenticalToARunWithoutFailures() {
    Regression model = new Regression();
    JavaRDD<Example> data = Regression.rdd(spark.jsc, 200, 2);
    // every first attempt of partition 1 throws; the data is not cached after the map, so each step's tasks run it
    JavaRDD<Example> failing = data.map(e -> {
      TaskContext task = TaskContext.get();
      if (task.partitionId() == 1 && task.attemptNumber() == 0) {
        FAILED.incrementAndGet();
        throw new IllegalStateException("simulated executor failure");
      }
      return e;
    });
    SparkGradientDescent sgd = SparkGradientDescent.builder().learningRate(0.1).miniBatchFraction(0.2).steps(5)
        .momentum(0.5).seed(3).build();
    TrainingResult clean = sgd.train(model.cost, model.x, model.y, model.initial(), data, TrainingListener.none());
    TrainingResult retried = sgd.train(model.cost, model.x, model.y, model.initial(), failing, TrainingListener.none());
    assertTrue(FAILED.get() >= 5, "tasks made to fail: " + FAILED.get());
    assertBitIdentical(clean.parameters(), retried.parameters());
  }
}
