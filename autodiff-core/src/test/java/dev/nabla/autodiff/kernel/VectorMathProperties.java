package dev.nabla.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/**
 * The vector kernels' own exp and sigmoid ({@link VectorMath}) are within two ulps of {@link Math#exp}
 * and {@link Activation#SIGMOID} over the whole range, and get the ends right: ±0, the subnormals,
 * underflow to 0, overflow to ∞, ±∞ and NaN.
 */
class VectorMathProperties {
  private static final int ULPS = 2;

  @Provide
  Arbitrary<Kernels> kernels() {
    return Naive.kernels();
  }

  private static void assertWithinUlps(String what, double x, double expected, double got) {
    if (Double.isNaN(expected) ? !Double.isNaN(got)
        : !(Math.abs(got - expected) <= ULPS * Math.ulp(expected) || got == expected)) {
      throw new AssertionError(String.format("%s(%s) = %s, expected %s (%.1f ulps)", what, x, got, expected,
          Math.abs(got - expected) / Math.ulp(expected)));
    }
  }

  @Property(tries = 300)
  void expIsWithinTwoUlpsOfMathExp(@ForAll @Size(min = 1, max = 40) double[] raw,
      @ForAll @DoubleRange(min = -760, max = 720) double scale) {
    double[] x = new double[raw.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.IEEEremainder(raw[i], 1) * Math.abs(scale) + (i % 2 == 0 ? 0 : scale);
    }
    double[] got = new double[x.length];
    VectorKernels.exp(x, got);
    for (int i = 0; i < x.length; i++) {
      assertWithinUlps("exp", x[i], Math.exp(x[i]), got[i]);
    }
  }

  @Example
  void expGetsTheEndsRight() {
    double[] x = {0.0, -0.0, 1e-300, -1e-300, 1, -1, 709.78, 709.79, 710, 1e308, Double.POSITIVE_INFINITY,
        -708, -720, -744, -745.2, -746, -1e308, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE};
    double[] got = new double[x.length];
    VectorKernels.exp(x, got);
    for (int i = 0; i < x.length; i++) {
      assertWithinUlps("exp", x[i], Math.exp(x[i]), got[i]);
    }
    assertEquals(Double.POSITIVE_INFINITY, got[8]);
    assertEquals(0.0, got[17]);
  }

  @Property(tries = 300)
  void sigmoidIsWithinTwoUlpsOfTheScalarOne(@ForAll("kernels") Kernels kernels, @ForAll @Size(min = 1, max = 40) double[] z) {
    double[] got = new double[z.length];
    kernels.activate(Activation.SIGMOID, z, 0, got, 0, z.length);
    for (int i = 0; i < z.length; i++) {
      assertWithinUlps(kernels.name() + " σ", z[i], Activation.SIGMOID.apply(z[i]), got[i]);
    }
  }
}
