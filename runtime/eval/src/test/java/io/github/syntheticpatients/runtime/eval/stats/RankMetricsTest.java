package io.github.syntheticpatients.runtime.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankMetricsTest {
  @Test
  void aucCountsOrderedPairsAndHalfTies() {
    assertThat(RankMetrics.auc(new double[] {3, 4}, new double[] {1, 2})).isEqualTo(1.0);
    assertThat(RankMetrics.auc(new double[] {1, 2}, new double[] {3, 4})).isEqualTo(0.0);
    assertThat(RankMetrics.auc(new double[] {1, 1}, new double[] {1, 1})).isEqualTo(0.5);
    // pairs: .8>.5, .8>.1, .4<.5, .4>.1 -> 3/4
    assertThat(RankMetrics.auc(new double[] {0.8, 0.4}, new double[] {0.5, 0.1}))
        .isCloseTo(0.75, within(1e-12));
  }

  @Test
  void tprAtLowFprUsesTheStrictestThreshold() {
    double[] negatives = new double[100];
    for (int i = 0; i < 100; i++) {
      negatives[i] = i; // at most 1 of 100 negatives may score above the threshold 98
    }
    assertThat(RankMetrics.tprAtFpr(new double[] {99.5, 98.5, 50, 10}, negatives, 0.01))
        .isEqualTo(0.5);
  }

  @Test
  void macroF1AveragesPerClassF1() {
    int[] truth = {0, 0, 1, 1, 2, 2};
    int[] predicted = {0, 1, 1, 1, 2, 0};
    // class 0: tp1 fp1 fn1 -> .5; class 1: tp2 fp1 fn0 -> .8; class 2: tp1 fp0 fn1 -> 2/3
    assertThat(RankMetrics.macroF1(truth, predicted, 3))
        .isCloseTo((0.5 + 0.8 + 2.0 / 3) / 3, within(1e-12));
    assertThat(RankMetrics.macroF1(truth, truth, 3)).isEqualTo(1.0);
  }
}
