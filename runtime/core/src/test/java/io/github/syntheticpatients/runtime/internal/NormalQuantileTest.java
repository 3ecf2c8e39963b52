package io.github.syntheticpatients.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalQuantileTest {

  /**
   * References: the root of Φ(z) = p at the double p, solved to 40 digits with mpmath 1.3 (findroot
   * on log(erfc(−z/√2)/2) − log p), independently of AS 241.
   */
  @ParameterizedTest
  @CsvSource({
    "0.975, 1.9599639845400538556",
    "0.9, 1.2815515655446005935",
    "0.3, -0.52440051270804081597",
    "0.025, -1.9599639845400542118",
    "1e-10, -6.3613409024040561991",
    "0.9999999999, 6.3613408896974218642",
    "1e-20, -9.2623400897984075796",
    "1e-300, -37.047096299361199237"
  })
  void matchesIndependentReferenceToRelativeOneInTenToTheFifteen(double p, double reference) {
    assertThat(NormalQuantile.of(p)).isCloseTo(reference, within(1e-15 * Math.abs(reference)));
  }

  @Test
  void isSymmetricAboutOneHalfBitForBit() {
    // Dyadic p: both p and 1 − p are exact doubles, so the two calls see mirrored inputs.
    for (int k = 1; k < 1 << 12; k++) {
      double p = k / 8192.0;
      assertThat(NormalQuantile.of(1 - p)).as("p = %s", p).isEqualTo(-NormalQuantile.of(p));
    }
    for (int e = 13; e <= 53; e++) {
      double p = StrictMath.scalb(1.0, -e);
      assertThat(NormalQuantile.of(1 - p)).as("p = 2^-%d", e).isEqualTo(-NormalQuantile.of(p));
    }
    assertThat(NormalQuantile.of(0.5)).isZero();
  }

  @Test
  void increasesAcrossTheRegionBoundaries() {
    double previous = NormalQuantile.of(1e-300);
    for (double p = 1e-300; p < 0.5; p *= 1.01) {
      double z = NormalQuantile.of(p);
      assertThat(z).as("p = %s", p).isGreaterThanOrEqualTo(previous);
      previous = z;
    }
  }

  @Test
  void endpointsAndInvalidProbabilities() {
    assertThat(NormalQuantile.of(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(NormalQuantile.of(1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(NormalQuantile.of(-0.1)).isNaN();
    assertThat(NormalQuantile.of(1.1)).isNaN();
    assertThat(NormalQuantile.of(Double.NaN)).isNaN();
  }
}
