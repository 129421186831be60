package dev.nabla.spark;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.optim.Dataset;
import dev.nabla.optim.TrainingListener;
import dev.nabla.optim.TrainingResult;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's Spark example, line for line (the session comes from {@link LocalSpark}, as quiet as a test needs). */
class ReadmeSparkExampleTest {
  @Test
  void readmeSparkExampleFitsALinearModel(@TempDir Path dir) {
    try (LocalSpark spark = new LocalSpark("local[2]")) {
      JavaSparkContext jsc = spark.jsc;
      Tensor inputs = Tensor.randomNormal(Shape.of(1000, 3), 0, 1, 1);
      Tensor targets = Tensor.of(Shape.of(1000, 1), Regression.linear(inputs.toArray(), 1, -2, 0.5));
      Path checkpoints = dir.resolve("checkpoints");
      // --- README: Spark ---
      Variable x = variable("x", Shape.batch(3));
      Variable y = variable("y", Shape.batch(1));
      Variable w = variable("w", 3, 1);
      Expr cost = mean(sum(square(sub(matmul(x, w), y)), 1, false));    // the mean over the batch's rows
      JavaRDD<Example> examples = Examples.fromDataset(jsc, new Dataset(inputs, targets), 2);
      TrainingResult result = SparkGradientDescent.builder()
          .learningRate(0.1).miniBatchFraction(0.05).steps(200).seed(42)
          .checkpoints(checkpoints, 50)                                      // resumes from there if stopped
          .build()
          .train(cost, x, y, Map.of(w, Tensor.zeros(3, 1)), examples, TrainingListener.none());
      System.out.println(result.parameters().get(w));                       // close to [1, -2, 0.5]
      // --- end ---
      assertArrayEquals(new double[] {1, -2, 0.5}, result.parameters().get(w).toArray(), 1e-6);
    }
  }
}
