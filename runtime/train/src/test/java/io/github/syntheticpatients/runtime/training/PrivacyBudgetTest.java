package io.github.syntheticpatients.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

/** How the planner reads a schedule: the sampling rate, the steps from epochs, δ's default. */
class PrivacyBudgetTest {
  @Test
  void stepsAreEpochsOverTheSamplingRateRoundedUp() {
    // 5 / 0.0064 = 781.25 → 782 (TF Privacy's statement test, R11).
    assertThat(plan(null, 10_000L, 64, 5.0, null).steps()).isEqualTo(782);
    // 15 · 60000 / 150 = 6000 exactly.
    assertThat(plan(null, 60_000L, 150, 15.0, null).steps()).isEqualTo(6000);
    // 90 / 0.04 is 2250, not 2251, though 0.04 is not exact in binary.
    assertThat(plan(0.04, null, null, 90.0, 1e-5).steps()).isEqualTo(2250);
    assertThat(plan(0.3, null, null, 1.0, 1e-5).steps()).as("1 / 0.3 = 3.33 → 4").isEqualTo(4);
  }

  @Test
  void theSamplingRateIsBatchOverDatasetSize() {
    assertThat(plan(null, 60_000L, 150, 15.0, null).samplingRate()).isEqualTo(0.0025);
  }

  @Test
  void deltaDefaultsOnlyWithADatasetSize() {
    DpBudget small = plan(null, 10_000L, 64, 5.0, null);
    assertThat(small.delta()).isEqualTo(1e-5);
    assertThat(small.defaultDelta()).isTrue();
    // 1,000,000^-1.1 = 10^-6.6
    assertThat(plan(null, 1_000_000L, 1000, 1.0, null).delta())
        .isCloseTo(Math.pow(10, -6.6), within(1e-20));
    DpBudget given = plan(0.01, null, null, 1.0, 1e-7);
    assertThat(given.delta()).isEqualTo(1e-7);
    assertThat(given.defaultDelta()).isFalse();
  }

  @Test
  void aNoiseMultiplierOfZeroIsRefused() {
    assertThatThrownBy(
            () ->
                PrivacyBudget.plan(
                    new DpBudgetRequest(0.01, null, null, 0.0, null, null, 100L, 1e-5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("0 adds no noise and gives no privacy")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("noiseMultiplier");
  }

  private static DpBudget plan(
      Double samplingRate, Long datasetSize, Integer batchSize, Double epochs, Double delta) {
    return PrivacyBudget.plan(
        new DpBudgetRequest(samplingRate, datasetSize, batchSize, 1.0, null, epochs, null, delta));
  }
}
