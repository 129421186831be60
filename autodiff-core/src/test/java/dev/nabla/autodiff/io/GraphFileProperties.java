package dev.nabla.autodiff.io;

import static dev.nabla.autodiff.io.RandomGraphs.assertSameGraph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autodiff.io.GraphFormatException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Writing then reading any graph gives the same graph, bit for bit; damaged files are rejected with a
 * {@link GraphFormatException} naming the problem, never with another exception. Graphs come from
 * {@link RandomGraphs} by seed (jqwik reports the seed of a failure).
 */
class GraphFileProperties {
  private static final Pattern REF = Pattern.compile("%(\\d+)");

  private static GraphFile graph(long seed) {
    return RandomGraphs.build(seed, 30);
  }

  private static GraphFormatException rejected(String text) {
    return assertThrows(GraphFormatException.class, () -> GraphFile.parse(text, "fuzz.graph"), text);
  }

  @Property(tries = 400)
  void writeThenReadGivesTheSameGraphBitForBit(@ForAll long seed) throws GraphFormatException {
    GraphFile g = graph(seed);
    String text = g.toText();
    GraphFile read = GraphFile.parse(text, "round-trip.graph");
    assertSameGraph(g, read);
    assertEquals(text, read.toText(), "writing the read graph again gives the same text");
    GraphFile fromBytes = GraphFile.parse(text.getBytes(StandardCharsets.UTF_8), "round-trip.graph");
    assertSameGraph(g, fromBytes);
  }

  @Property(tries = 400)
  void everyTruncatedFileIsRejectedAsTruncated(@ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where) {
    byte[] bytes = graph(seed).toText().getBytes(StandardCharsets.UTF_8);
    // keeping all but the last newline is a complete file; any shorter prefix has lost part of "end"
    int cut = (int) (where * (bytes.length - 1));
    byte[] prefix = java.util.Arrays.copyOf(bytes, cut);
    GraphFormatException e = assertThrows(GraphFormatException.class, () -> GraphFile.parse(prefix, "cut.graph"));
    assertEquals(Problem.TRUNCATED, e.problem(), e.getMessage());
  }

  @Property(tries = 1000)
  void anyEditedCharacterIsReadOrRejectedWithAGraphFormatException(@ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where,
      @ForAll @IntRange(min = 0, max = 22) int replacement) {
    String text = graph(seed).toText();
    int at = (int) (where * text.length());
    char c = "0123456789%\"=(),:[]? \n\\aZ-.".charAt(replacement);
    String edited = text.substring(0, at) + c + text.substring(at + 1);
    try {
      GraphFile.parse(edited, "edited.graph");
    } catch (GraphFormatException expected) {
      assertEquals("edited.graph", expected.source());
    }
  }

  @Property(tries = 1000)
  void anyFlippedBitIsReadOrRejectedWithAGraphFormatException(@ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where, @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] bytes = graph(seed).toText().getBytes(StandardCharsets.UTF_8);
    bytes[(int) (where * bytes.length)] ^= (byte) (1 << bit);
    try {
      GraphFile.parse(bytes, "flipped.graph");
    } catch (GraphFormatException expected) {
      assertEquals("flipped.graph", expected.source());
    }
  }

  @Property(tries = 300)
  void aReferenceToANodeNotYetDefinedIsDangling(@ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double which) {
    List<String> lines = graph(seed).toText().lines().toList();
    List<Integer> withInputs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("%") && lines.get(i).contains("(%") || lines.get(i).startsWith("output")) {
        withInputs.add(i);
      }
    }
    int line = withInputs.get((int) (which * withInputs.size()));
    String l = lines.get(line);
    int from = l.startsWith("%") ? l.indexOf("(%") : l.lastIndexOf('%');
    Matcher m = REF.matcher(l);
    m.find(from);
    String broken = l.substring(0, m.start()) + "%" + (lines.size() + 1) + l.substring(m.end());
    GraphFormatException e = rejected(replace(lines, line, broken));
    assertEquals(Problem.DANGLING_REFERENCE, e.problem(), e.getMessage());
    assertEquals(line + 1, e.line());
  }

  @Property(tries = 300)
  void aDeclaredShapeThatDoesNotFitIsRejected(@ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double which) {
    List<String> lines = graph(seed).toText().lines().toList();
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("%") && !lines.get(i).contains("= variable(")) {
        candidates.add(i);
      }
    }
    Assume.that(!candidates.isEmpty());
    int line = candidates.get((int) (which * candidates.size()));
    String l = lines.get(line);
    String broken = l.endsWith("[]") ? l.substring(0, l.length() - 1) + "7]" : l.substring(0, l.length() - 1) + ", 7]";
    GraphFormatException e = rejected(replace(lines, line, broken));
    assertEquals(Problem.SHAPE_MISMATCH, e.problem(), e.getMessage());
    assertEquals(line + 1, e.line());
  }

  @Property(tries = 200)
  void anUnknownOperationIsRejectedByName(@ForAll long seed, @ForAll @AlphaChars @StringLength(min = 1, max = 12) String op) {
    Assume.that(NodeFormats.reading(op) == null);
    List<String> lines = graph(seed).toText().lines().toList();
    int line = 1; // the first node
    String l = lines.get(line);
    String broken = l.substring(0, l.indexOf('=') + 2) + op + l.substring(l.indexOf('('));
    GraphFormatException e = rejected(replace(lines, line, broken));
    assertEquals(Problem.UNKNOWN_OPERATION, e.problem(), e.getMessage());
    assertEquals(2, e.line());
  }

  @Property(tries = 100)
  void anotherVersionIsRejected(@ForAll long seed, @ForAll @IntRange(min = 0, max = 1000) int version) {
    Assume.that(version != GraphFile.VERSION);
    List<String> lines = graph(seed).toText().lines().toList();
    GraphFormatException e = rejected(replace(lines, 0, "nabla-graph " + version));
    assertEquals(Problem.UNKNOWN_VERSION, e.problem(), e.getMessage());
  }

  @Property(tries = 100)
  void contentAfterTheEndLineIsRejected(@ForAll long seed, @ForAll @AlphaChars @StringLength(min = 1, max = 20) String extra) {
    GraphFormatException e = rejected(graph(seed).toText() + extra + "\n");
    assertEquals(Problem.TRAILING_CONTENT, e.problem(), e.getMessage());
  }

  private static String replace(List<String> lines, int index, String line) {
    List<String> copy = new ArrayList<>(lines);
    copy.set(index, line);
    return String.join("\n", copy) + "\n";
  }
}
