package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * CTAB-GAN's information loss: the L1 distance between the per-feature means of the critic's last
 * hidden features on a real and on a generated batch, plus the L1 distance between their standard
 * deviations (unbiased, as {@code torch.std}). The real features are constants; the loss pulls the
 * generated batch's first two moments, as the critic sees them, onto the real batch's.
 */
final class InformationLoss {
  /** Added under the square root of the variance so its gradient stays finite at zero. */
  private static final double VARIANCE_FLOOR = 1e-12;

  private InformationLoss() {}

  /**
   * The loss for {@code real} and {@code fake} features ({@code samples × features} each, the same
   * shape, at least two samples); the result lives on {@code fake}'s manager.
   */
  static NDArray of(NDArray real, NDArray fake) {
    NDManager batch = fake.getManager();
    NDArray realMean = real.mean(new int[] {0});
    NDArray fakeMean = fake.mean(new int[] {0});
    NDArray means = fakeMean.sub(realMean).abs().sum();
    NDArray deviations = std(fake, fakeMean, batch).sub(std(real, realMean, batch)).abs().sum();
    return means.add(deviations);
  }

  private static NDArray std(NDArray x, NDArray mean, NDManager batch) {
    long n = x.getShape().get(0);
    NDArray denominator = Scalars.of(batch, n - 1);
    return x.sub(mean)
        .square()
        .sum(new int[] {0})
        .div(denominator)
        .add(Scalars.of(batch, VARIANCE_FLOOR))
        .sqrt();
  }
}
