package dev.nabla.optim;

import static com.google.common.base.Preconditions.checkArgument;

import dev.nabla.autodiff.eval.SparseRows;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Cuts a {@link Dataset} into mini-batches, epoch after epoch. Each epoch may shuffle the example order
 * (Fisher–Yates, with a generator seeded once per run, so the same seed gives the same orders); a batch
 * is made by copying its rows, in that order, into arrays allocated once (or by gathering its inputs'
 * non-zeros, {@link #gather}). When {@code m} does not
 * divide {@code N}, the last batch of an epoch holds the {@code N mod m} examples left over, in arrays
 * of their own, unless it is dropped.
 */
final class BatchSampler {
  private final double[] inputs;
  private final double[] targets;
  private final int inputRow;
  private final int targetRow;
  private final int batchSize;
  private final int batches;
  private final int lastSize; // size of the last batch; equals batchSize when there is no partial batch
  private final int[] order;
  private final SplittableRandom random; // null: no shuffling
  private final Tensor[] inputViews; // [0]: full batch, [1]: the partial last batch (or null)
  private final Tensor[] targetViews;

  BatchSampler(Dataset data, int batchSize, boolean shuffle, boolean dropLast, long seed) {
    int n = data.size();
    int remainder = n % batchSize;
    int full = n / batchSize;
    checkArgument(full > 0 || !dropLast,
        "batch size m = %s exceeds the %s examples and the partial last batch is dropped: no step would run",
        batchSize, n);
    this.inputs = data.inputs().rawData();
    this.targets = data.targets().rawData();
    this.inputRow = data.inputRowSize();
    this.targetRow = data.targetRowSize();
    this.batches = full + (remainder > 0 && !dropLast ? 1 : 0);
    this.batchSize = full > 0 ? batchSize : remainder;
    this.lastSize = remainder > 0 && !dropLast && full > 0 ? remainder : this.batchSize;
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    this.random = shuffle ? new SplittableRandom(seed) : null;
    Shape inShape = data.inputs().shape();
    Shape targetShape = data.targets().shape();
    inputViews = new Tensor[2];
    targetViews = new Tensor[2];
    inputViews[0] = Tensor.wrap(inShape.withDim(0, this.batchSize), new double[this.batchSize * inputRow]);
    targetViews[0] = Tensor.wrap(targetShape.withDim(0, this.batchSize), new double[this.batchSize * targetRow]);
    if (lastSize != this.batchSize) {
      inputViews[1] = Tensor.wrap(inShape.withDim(0, lastSize), new double[lastSize * inputRow]);
      targetViews[1] = Tensor.wrap(targetShape.withDim(0, lastSize), new double[lastSize * targetRow]);
    }
  }

  /** Batches per epoch. */
  int batches() {
    return batches;
  }

  /** Shuffles the example order for a new epoch (if shuffling). */
  void startEpoch() {
    if (random == null) {
      return;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** 0 for a full batch, 1 for the partial last one: selects {@link #inputs}, {@link #targets}. */
  int kind(int batch) {
    return batch == batches - 1 && lastSize != batchSize ? 1 : 0;
  }

  /** The distinct batch sizes, full first. */
  int[] sizes() {
    return lastSize != batchSize ? new int[] {batchSize, lastSize} : new int[] {batchSize};
  }

  /** The number of examples in batch {@code batch} (from 0) of an epoch. */
  int size(int batch) {
    return kind(batch) == 1 ? lastSize : batchSize;
  }

  /**
   * Copies batch {@code batch}'s targets, and its inputs when {@code inputs}, into the arrays behind {@code
   * targets(kind)} and {@code inputs(kind)}.
   */
  void fill(int batch, boolean inputs) {
    int kind = kind(batch);
    copyRows(batch, 0, size(batch), inputs ? inputViews[kind].rawData() : null, targetViews[kind].rawData());
  }

  /** Makes {@code rows} hold the non-zeros of batch {@code batch}'s inputs, gathered from {@code index} (the dataset's). */
  void gather(int batch, SparseRows index, SparseRows rows) {
    int first = batch * batchSize;
    rows.gather(index, order, first, first + size(batch));
  }

  /**
   * Copies rows {@code [from, to)} of batch {@code batch} into {@code x} (unless it is null) and {@code y}
   * from their start: a whole batch ({@link #fill}), or the part of one that one thread of a parallel run
   * evaluates. Threads may copy disjoint parts at once, between two {@link #startEpoch} calls.
   */
  void copyRows(int batch, int from, int to, double[] x, double[] y) {
    int first = batch * batchSize + from;
    for (int r = 0; r < to - from; r++) {
      int example = order[first + r];
      if (x != null) {
        System.arraycopy(inputs, example * inputRow, x, r * inputRow, inputRow);
      }
      System.arraycopy(targets, example * targetRow, y, r * targetRow, targetRow);
    }
  }

  /** The input batch of the given kind (its content changes with each {@link #fill}). */
  Tensor inputs(int kind) {
    return inputViews[kind];
  }

  /** The target batch of the given kind. */
  Tensor targets(int kind) {
    return targetViews[kind];
  }
}
