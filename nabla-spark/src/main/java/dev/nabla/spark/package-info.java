/**
 * Training on Apache Spark: {@link dev.nabla.spark.SparkGradientDescent} runs mini-batch gradient
 * descent of any Nabla cost over an RDD of {@link dev.nabla.spark.Example}s ({@link
 * dev.nabla.spark.Examples} makes one from a {@code Dataset<Row>} or from an in-memory {@code
 * dev.nabla.optim.Dataset}), in the scheme of MLlib's {@code GradientDescent}: broadcast the
 * parameters, sample a mini-batch, sum the gradient per partition with a plan compiled once per
 * executor from the shipped graph file ({@code dev.nabla.autodiff.io.GraphFile}), add the shares in a
 * fixed order with {@code treeAggregate}, update on the driver.
 */
@CheckReturnValue
package dev.nabla.spark;

import com.google.errorprone.annotations.CheckReturnValue;
