package dev.nabla.examples.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatTest {
  @Test
  void costsHaveFourDecimalsOrThreeSignificantDigitsNeverHundredsOfDigits() {
    assertEquals("0.0213", Format.cost(0.02131));
    assertEquals("2.3026", Format.cost(2.302585));
    assertEquals("7.31e+300", Format.cost(7.31e300));
    assertEquals("1.23e-07", Format.cost(1.234e-7));
    assertEquals("0.0000", Format.cost(0));
    assertEquals("Infinity", Format.cost(Double.POSITIVE_INFINITY));
  }

  @Test
  void countsAreSingularForOne() {
    assertEquals("1 epoch", Format.count(1, "epoch"));
    assertEquals("30 epochs", Format.count(30, "epoch"));
    assertEquals("50,000 images", Format.count(50_000, "image"));
  }
}
