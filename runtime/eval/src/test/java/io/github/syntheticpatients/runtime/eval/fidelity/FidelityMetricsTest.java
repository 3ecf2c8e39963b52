package io.github.syntheticpatients.runtime.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FidelityMetricsTest {
  private static final double NAN = Double.NaN;

  @Test
  void ksComplementIsOneForIdenticalZeroForDisjointAndHalfForAHalfShift() {
    double[] a = {1, 2, 3, 4};
    assertThat(FidelityMetrics.ksComplement(a, a)).isEqualTo(1.0);
    assertThat(FidelityMetrics.ksComplement(a, new double[] {10, 11, 12})).isEqualTo(0.0);
    // CDFs differ most at x = 2: 0.5 vs 0 -> D = 0.5
    assertThat(FidelityMetrics.ksComplement(a, new double[] {3, 4, 5, 6}))
        .isCloseTo(0.5, within(1e-12));
    // SDMetrics drops missing values before the KS test
    assertThat(FidelityMetrics.ksComplement(new double[] {1, 2, NAN}, new double[] {1, 2}))
        .isEqualTo(1.0);
  }

  @Test
  void ksComplementWithMissingTreatsMissingAsAValueAboveAll() {
    // real CDF over all rows: .25 .5 | .5 .5 then missing; synthetic .25 .5 .75 1 -> D = .5
    assertThat(
            FidelityMetrics.ksComplementWithMissing(
                new double[] {1, 2, NAN, NAN}, new double[] {1, 2, 3, 4}))
        .isCloseTo(0.5, within(1e-12));
    assertThat(
            FidelityMetrics.ksComplementWithMissing(new double[] {1, NAN}, new double[] {1, NAN}))
        .isEqualTo(1.0);
  }

  @Test
  void tvComplementMatchesHandComputation() {
    assertThat(FidelityMetrics.tvComplement(new double[] {0, 0, 1, 1}, new double[] {0, 0, 1, 1}))
        .isEqualTo(1.0);
    // p = (.5, .5), q = (.25, .75): 1 - (.25 + .25)/2 = .75
    assertThat(FidelityMetrics.tvComplement(new double[] {0, 0, 1, 1}, new double[] {0, 1, 1, 1}))
        .isCloseTo(0.75, within(1e-12));
    assertThat(FidelityMetrics.tvComplement(new double[] {0, 0}, new double[] {1, 2}))
        .isEqualTo(0.0);
    // missing dropped (SDMetrics) vs missing as a category: p = (.5,.5,0) q = (1/3,1/3,1/3) -> 1 -
    // 1/3
    double[] real = {0, 1};
    double[] syn = {0, 1, NAN};
    assertThat(FidelityMetrics.tvComplement(real, syn)).isEqualTo(1.0);
    assertThat(FidelityMetrics.tvComplementWithMissing(real, syn))
        .isCloseTo(2.0 / 3, within(1e-12));
    assertThat(FidelityMetrics.missingValueSimilarity(real, syn)).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void correlationSimilarityComparesPearsonCoefficients() {
    double[] x = {1, 2, 3, 4, 5};
    double[] up = {2, 4, 6, 8, 10};
    double[] down = {10, 8, 6, 4, 2};
    assertThat(FidelityMetrics.correlationSimilarity(x, up, x, up)).isEqualTo(1.0);
    assertThat(FidelityMetrics.correlationSimilarity(x, up, x, down)).isCloseTo(0.0, within(1e-12));
    // rows with a missing value are dropped pairwise
    assertThat(FidelityMetrics.pearson(new double[] {1, 2, NAN, 3}, new double[] {1, 2, 5, 3}))
        .isCloseTo(1.0, within(1e-12));
    // a constant column has no correlation: NaN, left out of the report's mean
    assertThat(FidelityMetrics.correlationSimilarity(x, new double[] {1, 1, 1, 1, 1}, x, up))
        .isNaN();
  }

  @Test
  void contingencySimilarityOnJointFrequencies() {
    double[] a = {0, 0, 1, 1};
    double[] b = {0, 1, 0, 1};
    assertThat(FidelityMetrics.contingencySimilarity(a, b, a, b)).isEqualTo(1.0);
    assertThat(
            FidelityMetrics.contingencySimilarity(a, b, new double[] {2, 2}, new double[] {2, 2}))
        .isEqualTo(0.0);
    // real cells (0,0)(0,1)(1,0)(1,1) each .25; synthetic (0,0) .5, (1,1) .5 -> TV =
    // (.25+.25+.25+.25)/2 = .5
    assertThat(
            FidelityMetrics.contingencySimilarity(
                a, b, new double[] {0, 0, 1, 1}, new double[] {0, 0, 1, 1}))
        .isCloseTo(0.5, within(1e-12));
    // missing is its own category in the joint
    assertThat(
            FidelityMetrics.contingencySimilarity(
                new double[] {NAN}, new double[] {0}, new double[] {0}, new double[] {0}))
        .isEqualTo(0.0);
  }

  @Test
  void qualityReportBinsFollowNumpyDigitizeOnOwnEdges() {
    double[] v = {0, 1, 2.5, 9.99, 10, NAN};
    // edges 0,1,...,10; code = number of edges <= v; max and NaN -> 11
    assertThat(FidelityMetrics.qualityReportBins(v)).containsExactly(1, 2, 3, 10, 11, 11);
    // a constant column gets edges v-0.5 .. v+0.5
    assertThat(FidelityMetrics.qualityReportBins(new double[] {3, 3})).containsExactly(6, 6);
  }
}
