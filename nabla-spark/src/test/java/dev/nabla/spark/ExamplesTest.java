package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autodiff.tensor.Tensor;
import dev.nabla.optim.Dataset;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Examples from a table's columns and from an in-memory dataset. */
class ExamplesTest {
  private static LocalSpark spark;

  @BeforeAll
  static void start() {
    spark = new LocalSpark("local[2]");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  private static org.apache.spark.sql.Dataset<Row> table() {
    StructType schema = new StructType()
        .add("pixels", DataTypes.createArrayType(DataTypes.DoubleType))
        .add("label", DataTypes.IntegerType)
        .add("name", DataTypes.StringType);
    List<Row> rows = List.of(RowFactory.create(List.of(0.0, 0.5).toArray(), 3, "a"),
        RowFactory.create(List.of(1.0, 0.25).toArray(), 7, "b"));
    return spark.session.createDataFrame(rows, schema);
  }

  @Test
  void arrayAndNumberColumnsBecomeInputAndTargetRows() {
    List<Example> examples = Examples.fromRows(table(), "pixels", "label").collect();
    assertEquals(2, examples.size());
    assertArrayEquals(new double[] {1.0, 0.25}, examples.get(1).input());
    assertArrayEquals(new double[] {7}, examples.get(1).target());
  }

  @Test
  void missingOrNonNumericColumnsAreNamed() {
    assertEquals("no column 'image'; the columns are [pixels, label, name]", assertThrows(IllegalArgumentException.class,
        () -> Examples.fromRows(table(), "image", "label")).getMessage());
    assertEquals("column 'name' has type string; it must hold numbers or arrays of numbers",
        assertThrows(IllegalArgumentException.class, () -> Examples.fromRows(table(), "pixels", "name")).getMessage());
  }

  @Test
  void anInMemoryDatasetIsCutIntoPartitionsInOrder() {
    Dataset data = Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}}, new double[][] {{1}, {2}, {3}, {4}, {5}});
    JavaRDD<Example> rdd = Examples.fromDataset(spark.jsc, data, 2);
    assertEquals(2, rdd.getNumPartitions());
    List<Example> all = rdd.collect();
    assertEquals(5, all.size());
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(new double[] {2 * i + 1, 2 * i + 2}, all.get(i).input());
      assertArrayEquals(new double[] {i + 1}, all.get(i).target());
    }
    assertEquals(List.of(2, 3), rdd.glom().collect().stream().map(List::size).toList());
    assertEquals(Tensor.of(1, 2).shape(), Tensor.of(all.get(0).input()).shape());
  }
}
