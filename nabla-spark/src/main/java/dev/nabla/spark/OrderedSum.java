package dev.nabla.spark;

import static com.google.common.base.Preconditions.checkState;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Sums the shares of a step's partitions in one fixed order, whatever order Spark delivers them in.
 *
 * <p>{@code treeAggregate} merges partial results as tasks finish, so a plain floating-point sum would
 * round differently from run to run (and after a retried task). Here the shares are the leaves of a
 * fixed binary tree over the partition indices: a node is added only to its sibling, left + right, once
 * both are complete. Whichever way Spark groups and orders the merges, every addition is the same, so
 * the total is bit-identical: the same seed gives the same run, failures and retries included.
 *
 * <p>Merging is associative and commutative as an operation on these accumulators, as {@code
 * treeAggregate} requires. Memory: the pending nodes, at most one per partition and usually a few.
 */
final class OrderedSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int partitions;
  private final int top; // the root's level: ceil(log2(partitions))
  private final Map<Long, Share> pending = new HashMap<>();

  OrderedSum(int partitions) {
    this.partitions = partitions;
    this.top = 32 - Integer.numberOfLeadingZeros(Math.max(partitions - 1, 0));
  }

  /** Adds partition {@code index}'s share (the seqOp of treeAggregate). */
  OrderedSum add(int index, Share share) {
    insert(0, index, share);
    return this;
  }

  /** Takes over everything {@code other} holds (the combOp of treeAggregate). */
  OrderedSum merge(OrderedSum other) {
    checkState(other.partitions == partitions, "ordered sum: %s partitions against %s", other.partitions, partitions);
    for (Map.Entry<Long, Share> e : other.pending.entrySet()) {
      insert((int) (e.getKey() >>> 32), (int) (long) e.getKey(), e.getValue());
    }
    return this;
  }

  private void insert(int level, int index, Share value) {
    while (level < top) {
      int sibling = index ^ 1;
      if ((long) sibling << level >= partitions) {
        // the sibling covers no partition: this node stands for its parent as it is
      } else {
        Share other = pending.remove(key(level, sibling));
        if (other == null) {
          checkState(pending.put(key(level, index), value) == null, "ordered sum: node %s/%s arrived twice", level, index);
          return;
        }
        value = (index & 1) == 0 ? Share.add(value, other) : Share.add(other, value);
      }
      index >>= 1;
      level++;
    }
    checkState(pending.put(key(top, 0), value) == null, "ordered sum: the total arrived twice");
  }

  private static long key(int level, int index) {
    return (long) level << 32 | (index & 0xffffffffL);
  }

  /** The sum of all partitions' shares; every partition must have been added. */
  Share total() {
    Share root = pending.get(key(top, 0));
    checkState(root != null && pending.size() == 1, "ordered sum: %s of %s partitions' shares are still pending",
        pending.size(), partitions);
    return root;
  }
}
