package dev.nabla.examples.mnist;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How many examples each part of an {@link MnistSplit} takes: the first {@code training} images of the
 * training file, the last {@code validation} images of the training file, and the first {@code test}
 * images of the test file.
 *
 * <p>{@link #STANDARD} is the split of Nielsen's book: 50,000 training, 10,000 validation (the last
 * 10,000 of the training file) and 10,000 test images. Smaller sizes make quick runs: the validation
 * images then still come from the end of the training file, so they stay inside the standard
 * validation set and never overlap any training prefix.
 *
 * <pre>{@code
 * SplitSizes.STANDARD.atMost(1000);   // 1000 training, 1000 validation, 1000 test
 * }</pre>
 *
 * @param training examples from the start of the training file, at least 1
 * @param validation examples from the end of the training file, at least 1
 * @param test examples from the start of the test file, at least 1
 */
public record SplitSizes(int training, int validation, int test) {
  /** 50,000 training, 10,000 validation, 10,000 test images: all of MNIST, as in Nielsen's book. */
  public static final SplitSizes STANDARD = new SplitSizes(50_000, 10_000, 10_000);

  /** Checks that every part has at least one example. */
  public SplitSizes {
    checkArgument(training > 0 && validation > 0 && test > 0,
        "SplitSizes: every part needs at least one example, got training %s, validation %s, test %s",
        training, validation, test);
  }

  /** These sizes with each part cut to at most {@code n} examples. */
  public SplitSizes atMost(int n) {
    checkArgument(n > 0, "SplitSizes.atMost: n must be positive, got %s", n);
    return new SplitSizes(Math.min(training, n), Math.min(validation, n), Math.min(test, n));
  }
}
