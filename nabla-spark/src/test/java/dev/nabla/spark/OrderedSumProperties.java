package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * However the partitions' shares are grouped and ordered, their {@link OrderedSum} is the same to the
 * last bit, and it is the sum of the shares (up to rounding).
 */
class OrderedSumProperties {
  private static List<Share> shares(int partitions, long seed) {
    Random r = new Random(seed);
    List<Share> out = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      double[] sums = new double[3];
      long rows = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(50); // some partitions sample no example
      for (int i = 0; i < sums.length && rows > 0; i++) {
        sums[i] = r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10); // magnitudes that make rounding order-dependent
      }
      out.add(new Share(rows, sums));
    }
    return out;
  }

  private static Share copy(Share s) {
    return new Share(s.rows, s.sums.clone());
  }

  /** Spark's way: shares fold into accumulators in some order, accumulators merge in some tree. */
  private static Share aggregate(List<Share> shares, long order) {
    Random r = new Random(order);
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < shares.size(); i++) {
      indices.add(i);
    }
    Collections.shuffle(indices, r);
    List<OrderedSum> accumulators = new ArrayList<>();
    for (int i : indices) {
      if (accumulators.isEmpty() || r.nextInt(3) == 0) {
        accumulators.add(new OrderedSum(shares.size()));
      }
      accumulators.get(accumulators.size() - 1).add(i, copy(shares.get(i)));
    }
    while (accumulators.size() > 1) {
      OrderedSum a = accumulators.remove(r.nextInt(accumulators.size()));
      OrderedSum b = accumulators.remove(r.nextInt(accumulators.size()));
      accumulators.add(a.merge(b));
    }
    return accumulators.get(0).total();
  }

  @Property(tries = 500)
  void anyGroupingAndOrderGivesTheSameBits(@ForAll @IntRange(min = 1, max = 40) int partitions, @ForAll long seed,
      @ForAll long order1, @ForAll long order2) {
    List<Share> shares = shares(partitions, seed);
    Share a = aggregate(shares, order1);
    Share b = aggregate(shares, order2);
    assertEquals(a.rows, b.rows);
    for (int i = 0; i < a.sums.length; i++) {
      assertEquals(Double.doubleToRawLongBits(a.sums[i]), Double.doubleToRawLongBits(b.sums[i]), "sum " + i);
    }
  }

  @Property(tries = 200)
  void theTotalIsTheSumOfTheShares(@ForAll @IntRange(min = 1, max = 40) int partitions, @ForAll long seed, @ForAll long order) {
    List<Share> shares = shares(partitions, seed);
    Share total = aggregate(shares, order);
    long rows = 0;
    double[] exact = new double[3];
    double[] magnitude = new double[3];
    for (Share s : shares) {
      rows += s.rows;
      for (int i = 0; i < 3; i++) {
        exact[i] += s.sums[i];
        magnitude[i] += Math.abs(s.sums[i]);
      }
    }
    assertEquals(rows, total.rows);
    for (int i = 0; i < 3; i++) {
      assertEquals(exact[i], total.sums[i], 1e-15 * partitions * magnitude[i]);
    }
  }
}
