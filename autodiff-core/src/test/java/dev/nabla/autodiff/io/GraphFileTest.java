package dev.nabla.autodiff.io;

import static dev.nabla.autodiff.Nabla.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autodiff.eval.Bindings;
import dev.nabla.autodiff.eval.Plan;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.io.GraphFormatException.Problem;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format's text, a saved cost that evaluates as before, and each kind of bad file with its message. */
class GraphFileTest {
  private static final String SMALL = """
      nabla-graph 1
      %0 = variable(name="x") : [?, 2]
      %1 = variable(name="w") : [2, 1]
      %2 = matmul(%0, %1, transA=false, transB=false) : [?, 1]
      %3 = constant() : [1]
        0.5
      %4 = sub(%2, %3) : [?, 1]
      %5 = pow(%4, exponent=2.0) : [?, 1]
      %6 = sum(%5, axes=[0, 1], keepDims=false) : []
      output "cost" = %6
      end
      """;

  @Test
  void aSmallCostIsWrittenOneNodeALineInTheOrderComputed() throws GraphFormatException {
    Variable x = variable("x", Shape.batch(2));
    Variable w = variable("w", 2, 1);
    Expr cost = sum(square(sub(matmul(x, w), constant(Tensor.of(0.5)))));
    assertEquals(SMALL, GraphFile.of(Map.of("cost", cost)).toText());
    assertEquals(SMALL, GraphFile.parse(SMALL, "small.graph").toText());
  }

  @Test
  void slicesIndicesAndGathersAreWrittenWithTheirPositions() throws GraphFormatException {
    Variable v = variable("v", 4);
    Variable logits = variable("logits", Shape.batch(3));
    Variable labels = variable("labels", Shape.batch());
    Expr rosenbrock = sum(square(sub(slice(v, 0, 1, -1), square(slice(v, 0, 0, -2)))));
    Expr picked = add(index(v, -1), sum(gather(logits, 1, labels)));
    String text = GraphFile.of(Map.of("r", rosenbrock, "p", picked)).toText();
    assertTrue(text.contains(" = slice(%0, axis=0, start=1, stop=-1, step=1) : [2]"), text);
    assertTrue(text.contains(" = slice(%0, axis=0, index=-1) : []"), text);
    assertTrue(text.contains(" = gather(%"), text);
    GraphFile back = GraphFile.parse(text, "selections.graph");
    assertEquals(text, back.toText());
    Map<String, Tensor> values = Map.of("v", Tensor.of(0.5, -1, 2, 0.25), "logits",
        Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), "labels", Tensor.of(2, 0));
    Bindings at = Bindings.of(v, values.get("v"), logits, values.get("logits"), labels, values.get("labels"));
    Bindings.Builder read = Bindings.builder();
    back.variables().forEach(u -> read.bind(u, values.get(u.name())));
    assertEquals(evaluate(picked, at), evaluate(back.outputs().get("p"), read.build()));
    assertEquals(evaluate(rosenbrock, at), evaluate(back.outputs().get("r"), read.build()));
  }

  @Test
  void readmeExampleSavesACostWithItsGradientAndEvaluatesItBitForBit(@TempDir Path dir) throws IOException {
    // --- README: graph files ---
    Variable x = variable("x", Shape.batch(3));
    Variable y = variable("y", Shape.batch(1));
    Variable w = variable("w", 3, 1);
    Expr cost = mean(square(sub(matmul(x, w), y)));
    Map<String, Expr> outputs = new LinkedHashMap<>();
    outputs.put("cost", cost);
    outputs.put("dC/dw", grad(cost, w).get(0));
    GraphFile.of(outputs).save(dir.resolve("cost.graph"));

    GraphFile g = GraphFile.load(dir.resolve("cost.graph"));
    Bindings at = Bindings.of(g.variable("x"), Tensor.randomNormal(Shape.of(5, 3), 0, 1, 1),
        g.variable("y"), Tensor.randomNormal(Shape.of(5, 1), 0, 1, 2), g.variable("w"), Tensor.of(new double[][] {{1}, {2}, {3}}));
    List<Tensor> values = Plan.of(List.copyOf(g.outputs().values())).run(at);
    // --- end ---
    Bindings original = Bindings.of(x, at.get(g.variable("x")).orElseThrow(), y, at.get(g.variable("y")).orElseThrow(),
        w, at.get(g.variable("w")).orElseThrow());
    List<Tensor> expected = Plan.of(List.copyOf(outputs.values())).run(original);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).toArray(), values.get(i).toArray(), 0.0, "output " + i);
    }
    try (var files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("cost.graph")), files.toList(), "no temporary file is left");
    }
  }

  private static GraphFormatException rejected(String text) {
    return assertThrows(GraphFormatException.class, () -> GraphFile.parse(text, "cost.graph"));
  }

  private static void assertRejected(String text, Problem problem, String message) {
    GraphFormatException e = rejected(text);
    assertEquals(problem, e.problem());
    assertEquals(message, e.getMessage());
  }

  @Test
  void anUnknownVersionIsNamed() {
    assertRejected(SMALL.replace("nabla-graph 1", "nabla-graph 2"), Problem.UNKNOWN_VERSION,
        "cost.graph:1: unknown format version — the file has version '2'; this reader reads version 1");
  }

  @Test
  void anotherKindOfFileIsNamed() {
    assertRejected("{\"nodes\": []}\n", Problem.NOT_A_GRAPH_FILE,
        "cost.graph:1: not a Nabla graph file — the first line is '{\"nodes\": []}', expected 'nabla-graph 1'");
  }

  @Test
  void anUnknownOperationIsNamedWithTheKnownOnes() {
    GraphFormatException e = rejected(SMALL.replace("= sub(", "= subtract("));
    assertEquals(Problem.UNKNOWN_OPERATION, e.problem());
    assertEquals(7, e.line());
    assertTrue(e.getMessage().startsWith("cost.graph:7: unknown operation — 'subtract' (known: abs, add, argmax, argmin, concat, constant, "),
        e.getMessage());
  }

  @Test
  void aShapeThatDoesNotFitIsNamedWithTheShapes() {
    assertRejected(SMALL.replace("[2, 1]", "[3, 1]"), Problem.SHAPE_MISMATCH,
        "cost.graph:4: shape does not fit — matmul of [[?, 2], [3, 1]]: matmul: [?, 2] x [3, 1] — inner dimensions 2 and 3 differ");
    assertRejected(SMALL.replace("keepDims=false) : []", "keepDims=false) : [1]"), Problem.SHAPE_MISMATCH,
        "cost.graph:9: shape does not fit — the line declares [1], but sum of [[?, 1]] gives []");
    assertRejected(SMALL.replace("  0.5\n", "  0.5 0.25\n"), Problem.SHAPE_MISMATCH,
        "cost.graph:5: shape does not fit — a constant of shape [1] needs 1 values on the lines after it, found 2");
  }

  @Test
  void aDanglingReferenceIsNamed() {
    assertRejected(SMALL.replace("sub(%2, %3)", "sub(%2, %9)"), Problem.DANGLING_REFERENCE,
        "cost.graph:7: dangling reference — %9 is not defined before this line");
    assertRejected(SMALL.replace("output \"cost\" = %6", "output \"cost\" = %60"), Problem.DANGLING_REFERENCE,
        "cost.graph:10: dangling reference — %60 is not defined before this line");
  }

  @Test
  void aTruncatedFileIsNamed() {
    String cut = SMALL.substring(0, SMALL.indexOf("%5 ="));
    assertRejected(cut, Problem.TRUNCATED, "cost.graph: truncated — the file has 7 lines and no 'end' line; it was cut short");
    assertRejected("", Problem.TRUNCATED, "cost.graph: truncated — the file is empty");
    assertRejected("nabla-gr", Problem.TRUNCATED, "cost.graph:1: truncated — the file ends inside its header line 'nabla-gr'");
  }

  @Test
  void otherFaultsAreNamed() {
    assertRejected(SMALL + "%7 = neg(%6) : []\n", Problem.TRAILING_CONTENT,
        "cost.graph:12: content after the end line — '%7 = neg(%6) : []' after the end line 11");
    assertRejected(SMALL.replace("%4 = sub", "%3 = sub").replace("pow(%4", "pow(%3"), Problem.DUPLICATE_DEFINITION,
        "cost.graph:7: defined twice — %3 is defined on line 5 and again here");
    assertRejected(SMALL.replace("transB=false", "transB=no"), Problem.BAD_ATTRIBUTE,
        "cost.graph:4: bad attribute — matmul: transB=no is not true or false");
    assertRejected(SMALL.replace("transB=false", "transB=false, transC=true"), Problem.BAD_ATTRIBUTE,
        "cost.graph:4: bad attribute — matmul has no attribute transC");
    assertRejected(SMALL.replace(", transB=false", ""), Problem.BAD_ATTRIBUTE,
        "cost.graph:4: bad attribute — matmul needs the attribute transB=…");
    assertRejected(SMALL.replace("  0.5", "  0.5x"), Problem.BAD_NUMBER,
        "cost.graph:5: bad number — value 0 of the constant, '0.5x', is not a number (write e.g. 0.5, -1.0E-7, NaN, Infinity)");
    assertRejected(SMALL.replace("[?, 2]", "[?, 0]"), Problem.BAD_NUMBER,
        "cost.graph:2: bad number — the declared shape: dimension 1 is 0; dimensions are positive integers, or ? for an open one");
    assertRejected(SMALL.replace("sub(%2, %3)", "sub(%2)"), Problem.SYNTAX,
        "cost.graph:7: syntax error — sub takes 2 inputs, the line gives 1");
    assertRejected(SMALL.replace("output \"cost\" = %6\n", ""), Problem.NO_OUTPUTS,
        "cost.graph: no outputs — the file names no output; add a line such as output \"cost\" = %7");
    assertRejected(SMALL.replace("%6 = sum(%5", "%6 = sum(%5 %5"), Problem.SYNTAX,
        "cost.graph:9: syntax error — expected ',', found %5");
  }

  @Test
  void bytesThatAreNotUtf8AreRejected() {
    byte[] bytes = SMALL.replace("\"x\"", "\"x?\"").getBytes(StandardCharsets.UTF_8);
    bytes[SMALL.indexOf("x\"") + 1] = (byte) 0xff;
    GraphFormatException e = assertThrows(GraphFormatException.class, () -> GraphFile.parse(bytes, "cost.graph"));
    assertEquals("cost.graph: syntax error — the file is not valid UTF-8 text", e.getMessage());
  }

  @Test
  void variablesAreFoundByNameUnlessTheNameIsAmbiguous() throws GraphFormatException {
    Variable a = variable("v", 2);
    Variable b = variable("v", 2);
    GraphFile g = GraphFile.parse(GraphFile.of(Map.of("s", add(a, b))).toText(), "two.graph");
    assertEquals(2, g.variables().size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.variable("v"));
    assertEquals("graph file: 2 variables are named 'v'; take them from variables() by position", e.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> g.variable("w"));
    assertEquals("graph file: no variable named 'w'; the variables are [v, v]", none.getMessage());
  }

  @Test
  void unusedVariablesAreKeptWhenAsked() throws GraphFormatException {
    Variable w = variable("w", 2);
    Variable unused = variable("b", 3);
    GraphFile g = GraphFile.parse(GraphFile.of(Map.of("s", sum(w))).withVariables(List.of(unused)).toText(), "g");
    assertEquals(Shape.of(3), g.variable("b").shape());
  }
}
