package dev.nabla.autodiff.jqwik;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.arbitraries.DoubleArbitrary;

/**
 * Where the values of a generated tensor lie. Every domain draws the elements through jqwik (a list of
 * doubles of the shape's size, mapped to a {@link Tensor}), so a failing tensor shrinks element by
 * element toward simple values: toward 0, or the point of the domain nearest to 0.
 *
 * <pre>{@code
 * Domain.between(-2, 2)                  // the default: smooth functions' usual test range
 * Domain.positive()                      // (0.1, 4]: log, sqrt, divisors, negative powers
 * Domain.awayFrom(0.01, -3, 3, 0)        // |x| >= 0.01: relu, abs, at a safe distance from the kink
 * Domain.distinct()                      // no ties: max, argmax
 * Domain.probabilities(-1)               // positive, each row sums to 1: targets of a cross-entropy
 * Domain.sparse(Domain.between(-2, 2), 0.7)  // about 70% exact zeros, like MNIST pixels
 * }</pre>
 *
 * <p>Values are drawn with four decimals ({@link #SCALE}), so counter-examples print readably; none of
 * the domains filters, so no property runs out of tries.
 */
public sealed interface Domain
    permits Domain.Between, Domain.AnyFinite, Domain.AwayFrom, Domain.Distinct, Domain.Probabilities, Domain.Sparse {

  /** Decimal places of generated values (jqwik's default of 2 lands on kinks and ties too often). */
  int SCALE = 4;

  /** Tensors of the given concrete shape with values in this domain. */
  Arbitrary<Tensor> tensors(Shape shape);

  /**
   * This domain with its values drawn uniformly over the range. By default jqwik draws numbers with a
   * bias toward the value they shrink to, so about 62% of {@code between(-2, 2)}'s values have {@code
   * |v| < 0.1}; drawn uniformly, about 5% do (8 – 9% with the edge cases jqwik mixes in: 0, ±0.0001,
   * the bounds). Distinct values are evenly spread already (returned as they are); a sparse domain
   * spreads its non-zero values. Probabilities and any-finite values have no uniform variant.
   */
  default Domain uniformly() {
    throw new IllegalArgumentException(String.format("Domain %s has no uniform variant; give a range "
        + "(Domain.between, @ValueRange)", this));
  }

  /**
   * For a domain whose elements are independent of each other, the arbitrary of one element; empty for
   * domains with a joint constraint (distinct, probabilities, sparse). {@link TensorArbitrary} uses it
   * to shrink a tensor's shape and values together.
   */
  default Optional<Arbitrary<Double>> elements() {
    return Optional.empty();
  }

  /** Values in {@code [min, max]}; shrinks toward the point nearest 0. */
  static Domain between(double min, double max) {
    return new Between(min, max, false);
  }

  /** Values in {@code [0.1, 4]}: safe for log, sqrt, division and negative powers. */
  static Domain positive() {
    return new Between(0.1, 4, false);
  }

  /**
   * Any finite double, from {@code -Double.MAX_VALUE} to {@code Double.MAX_VALUE} (with jqwik's edge
   * cases such as 0 and the extremes). For fuzzing evaluation, not for gradient checks.
   */
  static Domain anyFinite() {
    return new AnyFinite();
  }

  /**
   * Values in {@code [min, max]} at least {@code margin} away from every kink (a point where the
   * function is not differentiable, as 0 for relu and abs).
   */
  static Domain awayFrom(double margin, double min, double max, double... kinks) {
    return new AwayFrom(margin, min, max, List.copyOf(Arrays.stream(kinks).boxed().toList()), false);
  }

  /** Pairwise distinct values at least {@code 0.125} apart, in a random order, around 0: no ties for max. */
  static Domain distinct() {
    return new Distinct(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * Pairwise distinct values in {@code [min, max]}, in a random order: as {@link #distinct()}, closer
   * together when the range is too narrow for {@code n} values 0.25 apart (then about {@code (max − min)
   * / n} apart), and placed around the point of the range nearest 0.
   */
  static Domain distinct(double min, double max) {
    checkArgument(Double.isFinite(min) && Double.isFinite(max) && min < max,
        "Domain.distinct: need finite min < max, got [%s, %s]", min, max);
    return new Distinct(min, max);
  }

  /** Positive values summing to 1 along {@code axis} (a softmax of logits in {@code [-3, 3]}). */
  static Domain probabilities(int axis) {
    return new Probabilities(axis);
  }

  /** Values of {@code values}, of which about {@code zeroFraction} are replaced by exact zeros. */
  static Domain sparse(Domain values, double zeroFraction) {
    return new Sparse(values, zeroFraction);
  }

  /** Builds the tensor of {@code shape} from a list of its elements in row-major order. */
  private static Tensor toTensor(Shape shape, List<Double> values) {
    return Tensor.of(shape, values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Draws of a range's values with four decimals, uniformly or with jqwik's bias toward the shrinking target. */
  private static Arbitrary<Double> drawn(double min, double max, boolean uniform) {
    DoubleArbitrary values = Arbitraries.doubles().between(min, max).ofScale(SCALE);
    return uniform ? values.withDistribution(RandomDistribution.uniform()) : values;
  }

  /** Values in {@code [min, max]}, drawn uniformly or (the default) biased toward the point nearest 0. */
  record Between(double min, double max, boolean uniform) implements Domain {
    /** Checks that the bounds are finite and ordered. */
    public Between {
      checkArgument(Double.isFinite(min) && Double.isFinite(max) && min < max,
          "Domain.between: need finite min < max, got [%s, %s]", min, max);
    }

    @Override
    public Arbitrary<Tensor> tensors(Shape shape) {
      return elements().orElseThrow().list().ofSize(shape.size()).map(values -> toTensor(shape, values));
    }

    @Override
    public Optional<Arbitrary<Double>> elements() {
      return Optional.of(drawn(min, max, uniform));
    }

    @Override
    public Domain uniformly() {
      return new Between(min, max, true);
    }
  }

  /** Any finite double. */
  record AnyFinite() implements Domain {
    @Override
    public Arbitrary<Tensor> tensors(Shape shape) {
      return elements().orElseThrow().list().ofSize(shape.size()).map(values -> toTensor(shape, values));
    }

    @Override
    public Optional<Arbitrary<Double>> elements() {
      return Optional.of(Arbitraries.doubles());
    }
  }

  /** Values in {@code [min, max]} at least {@code margin} from each kink, drawn uniformly or biased. */
  record AwayFrom(double margin, double min, double max, List<Double> kinks, boolean uniform) implements Domain {
    /** Checks that the margin is positive and the kinks' excluded intervals leave room. */
    public AwayFrom {
      checkArgument(margin > 0, "Domain.awayFrom: margin must be positive, got %s", margin);
      checkArgument(Double.isFinite(min) && Double.isFinite(max) && max - min > 2 * margin,
          "Domain.awayFrom: need finite min < max wider than 2 x margin %s, got [%s, %s]", margin, min, max);
      kinks = kinks.stream().sorted().toList();
      for (int i = 1; i < kinks.size(); i++) {
        checkArgument(kinks.get(i) - kinks.get(i - 1) > 2 * margin,
            "Domain.awayFrom: kinks %s are closer than 2 x margin %s", kinks, margin);
      }
    }

    @Override
    public Arbitrary<Tensor> tensors(Shape shape) {
      return elements().orElseThrow().list().ofSize(shape.size()).map(values -> toTensor(shape, values));
    }

    @Override
    public Optional<Arbitrary<Double>> elements() {
      return Optional.of(drawn(min, max, uniform).map(this::pushed));
    }

    @Override
    public Domain uniformly() {
      return new AwayFrom(margin, min, max, kinks, true);
    }

    /** {@code x}, moved out of the nearest kink's excluded interval (to the side it is on, if in range). */
    double pushed(double x) {
      for (double k : kinks) {
        if (Math.abs(x - k) < margin) {
          double up = k + margin;
          double down = k - margin;
          boolean preferUp = x >= k;
          double first = preferUp ? up : down;
          double second = preferUp ? down : up;
          return first >= min && first <= max ? first : second;
        }
      }
      return x;
    }
  }

  /**
   * Distinct values on a grid, shuffled, each raised by under half a spacing; the grid's spacing is 0.25,
   * or less when {@code [min, max]} (infinite bounds for none) is too narrow for the shape's size.
   */
  record Distinct(double min, double max) implements Domain {
    private static final double SPACING = 0.25;

    @Override
    public Domain uniformly() {
      return this;
    }

    @Override
    public Arbitrary<Tensor> tensors(Shape shape) {
      int n = shape.size();
      double spacing = Math.min(SPACING, (max - min) / n);
      checkArgument(spacing >= 1e-6, "Domain.distinct: [%s, %s] is too narrow for %s distinct values", min, max, n);
      // jitter with four decimals, below half a spacing: values stay distinct and within the range
      double jitterMax = Math.floor(spacing * 0.49 * 1e4) / 1e4;
      double centre = Math.max(min, Math.min(0, max));
      double start = Math.max(min, Math.min(centre - (n - 1) * spacing / 2, max - (n - 1) * spacing - jitterMax));
      Arbitrary<Double> jitters = jitterMax > 0 ? Arbitraries.doubles().between(0, jitterMax).ofScale(SCALE)
          : Arbitraries.just(0.0);
      Arbitrary<List<Integer>> order = Arbitraries.shuffle(IntStream.range(0, n).boxed().toList());
      return Combinators.combine(order, jitters.list().ofSize(n)).as((o, j) -> {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
          d[i] = start + o.get(i) * spacing + j.get(i);
        }
        return Tensor.of(shape, d);
      });
    }
  }

  /** Softmax of logits along an axis. */
  record Probabilities(int axis) implements Domain {
    @Override
    public Arbitrary<Tensor> tensors(Shape shape) {
      int a = shape.normalizeAxis(axis);
      return Arbitraries.doubles().between(-3, 3).ofScale(SCALE).list().ofSize(shape.size())
          .map(logits -> softmax(toTensor(shape, logits), a));
    }

    private static Tensor softmax(Tensor logits, int axis) {
      Shape s = logits.shape();
      double[] d = logits.toArray();
      int stride = s.strides()[axis];
      int len = s.dim(axis);
      for (int start = 0; start < d.length; start++) {
        if ((start / stride) % len != 0) {
          continue; // not the first element of a fibre along the axis
        }
        double total = 0;
        for (int i = 0; i < len; i++) {
          d[start + i * stride] = Math.exp(d[start + i * stride]);
          total += d[start + i * stride];
        }
        for (int i = 0; i < len; i++) {
          d[start + i * stride] /= total;
        }
      }
      return Tensor.of(s, d);
    }
  }

  /** Some elements of another domain's tensors replaced by exact zeros. */
  record Sparse(Domain values, double zeroFraction) implements Domain {
    /** Checks the fraction. */
    public Sparse {
      checkNotNull(values, "Domain.sparse: values");
      checkArgument(zeroFraction >= 0 && zeroFraction <= 1, "Domain.sparse: zero fraction must be in [0, 1], got %s",
          zeroFraction);
    }

    @Override
    public Domain uniformly() {
      return new Sparse(values.uniformly(), zeroFraction);
    }

    @Override
    public Arbitrary<Tensor> tensors(Shape shape) {
      int percent = (int) Math.round(zeroFraction * 100);
      // a mask element below `percent` zeroes its entry; the mask shrinks toward all zeros. Uniform and
      // without edge cases (such as all 99), so the fraction of zeros is what was asked for
      Arbitrary<List<Integer>> mask = Arbitraries.integers().between(0, 99).withDistribution(RandomDistribution.uniform())
          .withoutEdgeCases().list().ofSize(shape.size());
      return Combinators.combine(values.tensors(shape), mask).as((t, m) -> {
        double[] d = t.toArray();
        for (int i = 0; i < d.length; i++) {
          if (m.get(i) < percent) {
            d[i] = 0;
          }
        }
        return Tensor.of(shape, d);
      });
    }
  }
}
