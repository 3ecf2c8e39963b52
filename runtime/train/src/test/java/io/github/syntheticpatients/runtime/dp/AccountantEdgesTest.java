package io.github.syntheticpatients.runtime.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Edge cases, closed forms, composition and bad input of the accountant and the noise search. */
class AccountantEdgesTest {
  private static final RdpAccountant STANDARD = RdpAccountant.standard();

  @Test
  void orderTwoHasAClosedForm() {
    // ε_RDP(2) = log(1 + q²(e^{1/σ²} − 1)) (Mironov et al. 2019, §3.3).
    for (double[] qs : new double[][] {{0.01, 1.1}, {0.3, 0.7}, {0.9, 4.0}}) {
      double q = qs[0];
      double sigma = qs[1];
      double expected = Math.log1p(q * q * Math.expm1(1 / (sigma * sigma)));
      for (RdpSeries series : RdpSeries.values()) {
        assertThat(SubsampledGaussian.rdp(q, sigma, 2, series))
            .isCloseTo(expected, within(1e-12 * expected));
      }
    }
  }

  @Test
  void withoutSubsamplingEachStepCostsTheGaussianMechanism() {
    // q = 1: ε_RDP(α) = α/(2σ²) per step, at integer and fractional orders alike.
    double[] rdp = STANDARD.withOrders(1.5, 2, 7.7, 1024).rdp(1.0, 2.0, 3);
    assertThat(rdp)
        .containsExactly(
            new double[] {3 * 1.5 / 8, 3 * 2.0 / 8, 3 * 7.7 / 8, 3 * 1024.0 / 8}, within(1e-12));
  }

  @Test
  void noSamplingNoStepsOrNoNoiseAreTheTrivialCases() {
    assertThat(STANDARD.epsilon(0.0, 1.0, 1000, 1e-5).epsilon()).isZero();
    assertThat(STANDARD.epsilon(0.01, 1.0, 0, 1e-5).epsilon()).isZero();
    PrivacySpent noNoise = STANDARD.epsilon(0.01, 0.0, 1, 1e-5);
    assertThat(noNoise.epsilon()).isInfinite();
    assertThat(noNoise.order()).isNaN();
    assertThat(STANDARD.epsilon(0.01, 1.0, 10, 0.0).epsilon())
        .as("δ = 0 gives no (ε, δ) guarantee from RDP")
        .isInfinite();
  }

  @Test
  void verySmallNoiseStaysFiniteAtEveryOrder() {
    // (k² − k)/(2σ²) reaches 5e7 at α = 1024, σ = 0.1: summed in log space, no overflow.
    double[] rdp = STANDARD.rdp(0.5, 0.1, 1);
    assertThat(java.util.Arrays.stream(rdp).boxed())
        .allSatisfy(r -> assertThat(r).isFinite().isPositive());
    // The largest order's value is dominated by the k = α term: α/(2σ²) − log(2)·α/(α − 1).
    double top = rdp[rdp.length - 1];
    assertThat(top).isCloseTo(1024 / 0.02 - Math.log(2) * 1024 / 1023, within(1e-6 * top));
    PrivacySpent spent = STANDARD.epsilon(0.5, 0.1, 100, 1e-5);
    assertThat(spent.epsilon()).isFinite().isGreaterThan(100);
  }

  @Test
  void veryLargeNoiseGivesEpsilonZeroOnceTheKlBoundSuffices() {
    // ε_RDP ≈ q²α/(2σ²) ≈ 5e-15 at α = 1.1: δ² + expm1(−ε_RDP) > 0, so that order gives ε = 0.
    // The conservative series counts the alternating terms of a fractional order by their absolute
    // value, which overstates the tiny ε_RDP(1.1) (3e-7; the signed series: ~5e-15), so the first
    // order whose ε is 0 is the first whole one.
    assertThat(SubsampledGaussian.rdp(0.01, 1e5, 1.1, RdpSeries.SIGNED)).isLessThan(1e-13);
    assertThat(SubsampledGaussian.rdp(0.01, 1e5, 1.1, RdpSeries.CONSERVATIVE)).isGreaterThan(1e-7);
    PrivacySpent conservative = STANDARD.epsilon(0.01, 1e5, 1, 1e-5);
    assertThat(conservative.epsilon()).isZero();
    assertThat(conservative.order()).isEqualTo(2);
    PrivacySpent large = STANDARD.epsilon(0.01, 50, 1000, 1e-5);
    assertThat(large.epsilon()).isPositive().isLessThan(0.05);
  }

  @Test
  void epsilonGrowsWithStepsAndRateAndFallsWithNoise() {
    double base = STANDARD.epsilon(0.01, 1.0, 1000, 1e-5).epsilon();
    assertThat(STANDARD.epsilon(0.01, 1.0, 2000, 1e-5).epsilon()).isGreaterThan(base);
    assertThat(STANDARD.epsilon(0.02, 1.0, 1000, 1e-5).epsilon()).isGreaterThan(base);
    assertThat(STANDARD.epsilon(0.01, 1.2, 1000, 1e-5).epsilon()).isLessThan(base);
    assertThat(STANDARD.epsilon(0.01, 1.0, 1000, 1e-7).epsilon()).isGreaterThan(base);
  }

  @Test
  void aLedgerComposesStepsAndStagesOrderByOrder() {
    PrivacyLedger stepByStep = new PrivacyLedger(STANDARD);
    for (int i = 0; i < 300; i++) {
      stepByStep.record(0.02, 1.1);
    }
    stepByStep.record(0.05, 2.0, 40);
    PrivacyLedger blocks = new PrivacyLedger(STANDARD);
    blocks.record(0.02, 1.1, 300);
    blocks.record(0.05, 2.0, 40);
    double[] expected = STANDARD.rdp(0.02, 1.1, 300);
    double[] second = STANDARD.rdp(0.05, 2.0, 40);
    for (int k = 0; k < expected.length; k++) {
      expected[k] += second[k];
    }
    assertThat(blocks.rdp()).containsExactly(expected, Offset.offset(1e-12));
    assertThat(stepByStep.rdp()).containsExactly(expected, Offset.offset(1e-9));
    assertThat(stepByStep.entries())
        .containsExactly(
            new PrivacyLedger.Entry(0.02, 1.1, 300), new PrivacyLedger.Entry(0.05, 2.0, 40));
    // Composed in RDP space, far below the sum of the stages' own ε.
    double composed = blocks.spent(1e-5).epsilon();
    double naive =
        STANDARD.epsilon(0.02, 1.1, 300, 1e-5).epsilon()
            + STANDARD.epsilon(0.05, 2.0, 40, 1e-5).epsilon();
    assertThat(composed).isLessThan(naive);
  }

  @Test
  void spentAfterLooksAheadWithoutRecording() {
    PrivacyLedger ledger = new PrivacyLedger(STANDARD);
    ledger.record(0.01, 1.0, 500);
    double now = ledger.spent(1e-5).epsilon();
    PrivacySpent ahead = ledger.spentAfter(0.01, 1.0, 500, 1e-5);
    assertThat(ahead.epsilon()).isEqualTo(STANDARD.epsilon(0.01, 1.0, 1000, 1e-5).epsilon());
    assertThat(ledger.spent(1e-5).epsilon()).isEqualTo(now);
  }

  @Test
  void deltaInvertsEpsilon() {
    double[] rdp = STANDARD.rdp(0.01, 1.1, 10_000);
    PrivacySpent spent = STANDARD.epsilon(rdp, 1e-6);
    PrivacySpent back = STANDARD.delta(rdp, spent.epsilon());
    assertThat(back.delta()).isCloseTo(1e-6, within(1e-9 * 1e-6));
    assertThat(back.order()).isEqualTo(spent.order());
  }

  @Test
  void noiseSearchNeverOvershootsTheTarget() {
    Random random = new Random(21);
    for (int trial = 0; trial < 8; trial++) {
      double target = 1 + 9 * random.nextDouble();
      double q = 0.001 + 0.05 * random.nextDouble();
      long steps = (long) ((10 + 90 * random.nextDouble()) / q);
      NoiseSearch.Result found = NoiseSearch.noiseMultiplier(STANDARD, q, steps, 1e-5, target);
      double reached = STANDARD.epsilon(q, found.noiseMultiplier(), steps, 1e-5).epsilon();
      assertThat(reached)
          .as("target %s, q %s, %s steps", target, q, steps)
          .isLessThanOrEqualTo(target)
          .isGreaterThanOrEqualTo(target - NoiseSearch.TOLERANCE);
    }
  }

  @Test
  void anUnreachableBudgetIsRefusedNamingEpsilon() {
    assertThatThrownBy(() -> NoiseSearch.noiseMultiplier(STANDARD, 1.0, 10_000_000, 1e-10, 1e-3))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("epsilon=0.001 is out of reach")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("epsilon");
  }

  @Test
  void badInputNamesTheParameter() {
    assertParameter(
        () -> STANDARD.rdp(1.5, 1.0, 1), "samplingRate", "samplingRate must be in [0, 1]");
    assertParameter(() -> STANDARD.rdp(Double.NaN, 1.0, 1), "samplingRate", "got NaN");
    assertParameter(() -> STANDARD.rdp(0.1, -1.0, 1), "noiseMultiplier", "got -1.0");
    assertParameter(() -> STANDARD.rdp(0.1, 1.0, -5), "steps", "got -5");
    assertParameter(() -> STANDARD.epsilon(0.1, 1.0, 1, 1.5), "delta", "got 1.5");
    assertParameter(() -> STANDARD.withOrders(2, 1.0), "orders", "must be > 1");
    assertParameter(() -> STANDARD.withOrders(), "orders", "at least one");
    assertParameter(
        () -> STANDARD.delta(new double[STANDARD.orders().length], -1), "epsilon", "got -1.0");
  }

  @Test
  void deltaDefaultsBelowOneOverNAndRefusesMore() {
    assertThat(DeltaRule.defaultDelta(1000)).isEqualTo(1e-5);
    // n^-1.1 takes over above n ≈ 35,000: 100,000^-1.1 = 10^-5.5.
    assertThat(DeltaRule.defaultDelta(100_000)).isCloseTo(Math.pow(10, -5.5), within(1e-18));
    DeltaRule.check(9.9e-4, 1000);
    assertParameter(() -> DeltaRule.check(1e-3, 1000), "delta", "not below 1/datasetSize = 1/1000");
    assertParameter(() -> DeltaRule.check(0, 1000), "delta", "must be in (0, 1/datasetSize)");
    assertParameter(() -> DeltaRule.defaultDelta(0), "datasetSize", "got 0");
  }

  private static void assertParameter(Runnable call, String parameter, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo(parameter);
  }
}
