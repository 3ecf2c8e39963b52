package io.github.syntheticpatients.runtime.dp;

import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Arrays;

/**
 * Poisson sampling of a DP-SGD batch: every record joins independently with probability q, so the
 * batch size varies from step to step and may be zero. This, not shuffling into fixed batches, is
 * the sampling the subsampled-Gaussian accountant assumes. Seeded through {@link RandomStream}, so
 * a run draws the same batches on every machine.
 */
public final class PoissonSampler {
  private final RandomStream random;
  private final int records;
  private final double rate;

  /**
   * A sampler over records 0..{@code records}−1 at rate {@code rate}.
   *
   * @throws io.github.syntheticpatients.runtime.InvalidInputException naming {@code samplingRate}
   *     outside [0, 1]
   */
  public PoissonSampler(int records, double rate, long seed) {
    DpChecks.samplingRate(rate);
    this.random = RandomStream.of(seed);
    this.records = records;
    this.rate = rate;
  }

  /** The next batch: the indices of the records that joined it, in increasing order. */
  public int[] next() {
    int[] batch = new int[records];
    int size = 0;
    for (int i = 0; i < records; i++) {
      if (random.nextDouble() < rate) {
        batch[size++] = i;
      }
    }
    return Arrays.copyOf(batch, size);
  }

  /** The sampling rate q. */
  public double rate() {
    return rate;
  }

  /** The expected batch size q·n, which the noisy sum is divided by. */
  public double expectedBatchSize() {
    return rate * records;
  }
}
