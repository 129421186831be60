package dev.nabla.nn;

import static dev.nabla.autodiff.Nabla.variable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {
  private final Network net = Network.builder(3, 4, 2).seed(1).build();
  private final Parameters p = net.parameters();

  @Test
  void bindingsHoldEveryParameterInOrder() {
    assertEquals(p.variables(), List.copyOf(p.toBindings().asMap().keySet()));
    for (Variable v : p.variables()) {
      assertEquals(p.get(v), p.toBindings().get(v).orElseThrow());
    }
  }

  @Test
  void withReplacesTheGivenValuesAndKeepsTheOrder() {
    Variable b1 = p.variable("b1");
    Parameters q = p.with(Map.of(b1, Tensor.of(1, 2, 3, 4)));
    assertEquals(p.variables(), q.variables());
    assertEquals(Tensor.of(1, 2, 3, 4), q.get(b1));
    assertEquals(p.get(p.variable("w1")), q.get(p.variable("w1")));
  }

  @Test
  void withRejectsAVariableThatIsNotAParameter() {
    Variable stranger = variable("w1", 4, 3);
    var e = assertThrows(IllegalArgumentException.class, () -> p.with(Map.of(stranger, Tensor.zeros(4, 3))));
    assertEquals("'w1' [4, 3] is not one of the parameters " + p, e.getMessage());
  }

  @Test
  void ofRejectsAValueOfTheWrongShapeNamingTheVariable() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Parameters.of(Map.of(variable("w", 2, 3), Tensor.zeros(3, 2))));
    assertEquals("parameter 'w' has shape [2, 3] but its value has shape [3, 2]", e.getMessage());
  }

  @Test
  void toMapIsACopyThatLeavesTheParametersUnchanged() {
    LinkedHashMap<Variable, Tensor> m = p.toMap();
    m.put(p.variable("b2"), Tensor.of(9, 9));
    assertEquals(net.parameters().get(p.variable("b2")), p.get(p.variable("b2")));
    assertEquals(List.copyOf(m.keySet()), p.variables());
  }

  @Test
  void variableByNameRejectsAnUnknownName() {
    var e = assertThrows(IllegalArgumentException.class, () -> p.variable("w9"));
    assertEquals("no parameter is named 'w9'; the parameters are " + p, e.getMessage());
  }

  @Test
  void countAndToStringDescribeEveryTensor() {
    assertEquals(4, p.size());
    assertEquals(3 * 4 + 4 + 4 * 2 + 2, p.count());
    assertEquals("{w1: [4, 3], b1: [4], w2: [2, 4], b2: [2]} (26 values)", p.toString());
  }
}
