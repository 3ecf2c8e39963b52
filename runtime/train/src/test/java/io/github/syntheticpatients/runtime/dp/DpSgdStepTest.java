package io.github.syntheticpatients.runtime.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.random.RandomStream;
import org.junit.jupiter.api.Test;

class DpSgdStepTest {
  private static final int[] SIZES = {2, 1};

  @Test
  void oneHugeGradientContributesAtMostTheClipNorm() {
    DpSgdStep step = new DpSgdStep(SIZES, 1.0, 0, 1, RandomStream.of(1));
    // Norm 0.5: kept as it is.
    step.add(new float[][] {{0.3f, 0.4f}, {0f}});
    // Norm 1e6 along (0, 0.6, 0.8): scaled down to norm 1.
    double norm = step.add(new float[][] {{0f, 6e5f}, {8e5f}});
    assertThat(norm).isCloseTo(1e6, within(1e-3));
    assertThat(step.clipped()).isEqualTo(1);
    float[][] released = step.release();
    // No noise, expected batch 1: the sum (0.3, 0.4, 0) + (0, 0.6, 0.8).
    assertThat(released[0][0]).isCloseTo(0.3f, within(1e-6f));
    assertThat(released[0][1]).isCloseTo(1.0f, within(1e-6f));
    assertThat(released[1][0]).isCloseTo(0.8f, within(1e-6f));
  }

  @Test
  void theSumIsDividedByTheExpectedBatchSizeAndAnEmptyBatchReleasesNoiseOnly() {
    DpSgdStep noiseless = new DpSgdStep(SIZES, 10, 0, 4, RandomStream.of(1));
    noiseless.add(new float[][] {{1f, 2f}, {3f}});
    float[][] mean = noiseless.release();
    assertThat(mean[0]).containsExactly(0.25f, 0.5f);
    assertThat(mean[1]).containsExactly(0.75f);
    assertThat(noiseless.records()).isZero();

    // σ = 2, C = 0.5: noise of standard deviation 1 on each coordinate, divided by 1.
    DpSgdStep noisy = new DpSgdStep(new int[] {20_000}, 0.5, 2, 1, RandomStream.of(3));
    float[] values = noisy.release()[0];
    double sum = 0;
    double squares = 0;
    for (float v : values) {
      sum += v;
      squares += v * v;
    }
    double mean0 = sum / values.length;
    assertThat(mean0).isCloseTo(0, within(0.03));
    assertThat(Math.sqrt(squares / values.length - mean0 * mean0)).isCloseTo(1, within(0.03));
  }

  @Test
  void theSameSeedGivesTheSameNoise() {
    float[] a = new DpSgdStep(new int[] {5}, 1, 1, 2, RandomStream.of(9)).release()[0];
    float[] b = new DpSgdStep(new int[] {5}, 1, 1, 2, RandomStream.of(9)).release()[0];
    float[] c = new DpSgdStep(new int[] {5}, 1, 1, 2, RandomStream.of(10)).release()[0];
    assertThat(b).containsExactly(a);
    assertThat(c).isNotEqualTo(a);
  }
}
