package io.github.syntheticpatients.runtime.model.argn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chain sampler's own exponentials against {@link StrictMath}. */
class ChainSamplerExpTest {
  @Test
  void theDeterministicExpAgreesWithStrictMath() {
    for (double x = -40; x <= 0; x += 0.01) {
      assertThat(ChainSampler.exp(x) / StrictMath.exp(x) - 1)
          .isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void theBlockExpAgreesWithStrictMath() {
    for (float z = -40; z <= 0; z += 0.01f) {
      assertThat(ChainSampler.expBlock(z) / StrictMath.exp(z) - 1)
          .isCloseTo(0, org.assertj.core.data.Offset.offset(3e-5));
    }
    // Below e^-40 a symbol's weight does not matter beside the most likely one's (1): tiny.
    for (float z = -80; z < -40; z += 0.01f) {
      assertThat(ChainSampler.expBlock(z)).isPositive().isLessThan(1e-17f);
    }
    // Far below: a tiny positive weight, never infinite or NaN.
    assertThat(ChainSampler.expBlock(Float.NEGATIVE_INFINITY)).isPositive().isLessThan(1e-34f);
  }
}
