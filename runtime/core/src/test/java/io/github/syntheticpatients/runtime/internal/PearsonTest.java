package io.github.syntheticpatients.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PearsonTest {
  private static final double NAN = Double.NaN;

  @Test
  void skipsPairsWithAMissingSide() {
    // Complete pairs (1,2), (2,1), (3,4), (4,3): means 2.5, deviations (-1.5,-.5), (-.5,-1.5),
    // (.5,1.5), (1.5,.5);
    // sxy = .75 + .75 + .75 + .75 = 3, sxx = syy = 5, rho = 0.6.
    double[] x = {1, 2, NAN, 3, 4, 9};
    double[] y = {2, 1, 7, 4, 3, NAN};
    assertThat(Pearson.of(x, y, 2)).isCloseTo(0.6, within(1e-15));
    assertThat(Pearson.of(new double[] {1, 2, 3}, new double[] {6, 4, 2}, 2)).isEqualTo(-1.0);
  }

  @Test
  void isUndefinedWithTooFewPairsOrNoVariance() {
    assertThat(Pearson.of(new double[] {1, 2}, new double[] {3, 5}, 3)).isNaN();
    assertThat(Pearson.of(new double[] {1, 2}, new double[] {3, 5}, 2)).isEqualTo(1.0);
    assertThat(Pearson.of(new double[] {1, 2, 3}, new double[] {4, 4, 4}, 2)).isNaN();
  }
}
