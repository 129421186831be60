package dev.nabla.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.optim.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/** RDDs of {@link Example}s from a Spark {@code Dataset<Row>} or from a Nabla {@link Dataset} in memory. */
public final class Examples {
  private Examples() {}

  /**
   * The examples of a table: {@code inputColumn} and {@code targetColumn} each hold an array of numbers
   * (one row of {@code x} or {@code y}) or a single number. An ML {@code Vector} column can be turned
   * into an array first with {@code org.apache.spark.ml.functions.vector_to_array}.
   *
   * <pre>{@code
   * JavaRDD<Example> examples = Examples.fromRows(spark.read().parquet("mnist.parquet"), "pixels", "onehot").cache();
   * }</pre>
   *
   * @throws IllegalArgumentException naming the column and its type when a column is missing or not numeric
   */
  public static JavaRDD<Example> fromRows(org.apache.spark.sql.Dataset<Row> rows, String inputColumn, String targetColumn) {
    checkNotNull(rows, "rows");
    checkNumeric(rows, checkNotNull(inputColumn, "input column"));
    checkNumeric(rows, checkNotNull(targetColumn, "target column"));
    return rows.select(inputColumn, targetColumn).javaRDD().map(r -> Example.wrap(values(r, 0), values(r, 1)));
  }

  private static void checkNumeric(org.apache.spark.sql.Dataset<Row> rows, String column) {
    StructField field = Arrays.stream(rows.schema().fields()).filter(f -> f.name().equals(column)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no column '" + column + "'; the columns are "
            + Arrays.toString(rows.columns())));
    DataType t = field.dataType();
    boolean ok = t instanceof NumericType || t instanceof ArrayType a && a.elementType() instanceof NumericType;
    checkArgument(ok, "column '%s' has type %s; it must hold numbers or arrays of numbers", column, t.simpleString());
  }

  private static double[] values(Row row, int i) {
    checkArgument(!row.isNullAt(i), "a row has null in column %s of %s", i, row.schema().fieldNames()[i]);
    Object v = row.get(i);
    if (v instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    List<Object> list = row.getList(i);
    double[] out = new double[list.size()];
    for (int k = 0; k < out.length; k++) {
      Object e = list.get(k);
      checkArgument(e != null, "a row has a null element at %s of column %s", k, row.schema().fieldNames()[i]);
      out[k] = ((Number) e).doubleValue();
    }
    return out;
  }

  /**
   * The examples of {@code data} in {@code partitions} partitions, persisted in memory. The tensors are
   * broadcast once and each executor cuts its partitions' examples from its copy, so tasks stay small
   * however large the data.
   *
   * <pre>{@code
   * JavaRDD<Example> examples = Examples.fromDataset(jsc, new Dataset(images, oneHotLabels), 2);
   * }</pre>
   */
  public static JavaRDD<Example> fromDataset(JavaSparkContext jsc, Dataset data, int partitions) {
    checkNotNull(jsc, "Spark context");
    checkNotNull(data, "dataset");
    checkArgument(partitions >= 1 && partitions <= data.size(), "partitions must be in [1, %s] for %s examples, got %s",
        data.size(), data.size(), partitions);
    Broadcast<double[][]> rows = jsc.broadcast(new double[][] {data.inputs().rawData(), data.targets().rawData()});
    int n = data.size();
    int in = data.inputRowSize();
    int out = data.targetRowSize();
    List<Integer> indices = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      indices.add(p);
    }
    return jsc.parallelize(indices, partitions).mapPartitions(ps -> slice(rows.value(), ps, n, partitions, in, out))
        .persist(StorageLevel.MEMORY_ONLY());
  }

  /** The examples of partition {@code p}: rows {@code [p·n/P, (p+1)·n/P)}. */
  private static Iterator<Example> slice(double[][] rows, Iterator<Integer> partition, int n, int partitions, int in,
      int out) {
    List<Example> examples = new ArrayList<>();
    while (partition.hasNext()) {
      int p = partition.next();
      long from = (long) p * n / partitions;
      long to = (long) (p + 1) * n / partitions;
      for (long i = from; i < to; i++) {
        examples.add(Example.wrap(Arrays.copyOfRange(rows[0], (int) i * in, (int) (i + 1) * in),
            Arrays.copyOfRange(rows[1], (int) i * out, (int) (i + 1) * out)));
      }
    }
    return examples.iterator();
  }
}
