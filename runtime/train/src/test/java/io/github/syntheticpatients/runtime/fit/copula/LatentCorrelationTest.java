package io.github.syntheticpatients.runtime.fit.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.syntheticpatients.runtime.internal.Pearson;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatentCorrelationTest {
  private static final int ROWS = 20_000;

  /** Cuts: a rare binary (16 % above 1.0) and three ordered categories. */
  private static final double[] BINARY = {1.0};

  private static final double[] THREE = {-0.5, 0.8};

  @ParameterizedTest
  @CsvSource({"0.6", "-0.3", "0.9", "0.0"})
  void polyserialRecoversTheLatentCorrelation(double rho) {
    double[][] xy = bivariateNormal(rho, 7);
    assertEquals(rho, LatentCorrelation.polyserial(xy[0], cut(xy[1], BINARY), BINARY), 0.03);
    assertEquals(rho, LatentCorrelation.polyserial(xy[0], cut(xy[1], THREE), THREE), 0.03);
  }

  @ParameterizedTest
  @CsvSource({"0.6", "-0.3", "0.9", "0.0"})
  void polychoricRecoversTheLatentCorrelation(double rho) {
    double[][] xy = bivariateNormal(rho, 11);
    assertEquals(
        rho,
        LatentCorrelation.polychoric(cut(xy[0], BINARY), BINARY, cut(xy[1], THREE), THREE),
        0.03);
    assertEquals(
        rho,
        LatentCorrelation.polychoric(cut(xy[0], BINARY), BINARY, cut(xy[1], BINARY), BINARY),
        0.04);
  }

  @Test
  void pearsonOfMiddleScoresUnderestimatesWhereTheLatentEstimateDoesNot() {
    // The copula used to score a category at the middle of its interval and take Pearson's r.
    double[][] xy = bivariateNormal(0.7, 3);
    int[] binary = cut(xy[1], BINARY);
    double[] middle = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      middle[r] = binary[r] == 1 ? 1.4 : -0.2;
    }
    double pearson = Pearson.of(xy[0], middle, 3);
    assertTrue(pearson < 0.55, "point-biserial " + pearson);
    assertEquals(0.7, LatentCorrelation.polyserial(xy[0], binary, BINARY), 0.03);
  }

  @Test
  void skipsMissingRowsAndRefusesAConstantSide() {
    double[][] xy = bivariateNormal(0.5, 5);
    int[] codes = cut(xy[1], THREE);
    for (int r = 0; r < ROWS; r += 3) {
      codes[r] = -1;
      xy[0][r + 1] = Double.NaN;
    }
    assertEquals(0.5, LatentCorrelation.polyserial(xy[0], codes, THREE), 0.03);
    int[] constant = new int[ROWS];
    assertTrue(Double.isNaN(LatentCorrelation.polyserial(xy[0], constant, BINARY)));
    assertTrue(Double.isNaN(LatentCorrelation.polychoric(codes, THREE, constant, BINARY)));
  }

  @Test
  void keepsAPerfectAssociationInsideTheLimit() {
    double[][] xy = bivariateNormal(0.0, 9);
    int[] codes = cut(xy[0], BINARY);
    assertEquals(
        LatentCorrelation.LIMIT, LatentCorrelation.polychoric(codes, BINARY, codes, BINARY), 1e-6);
  }

  private static double[][] bivariateNormal(double rho, long seed) {
    Random random = new Random(seed);
    double[][] xy = new double[2][ROWS];
    for (int r = 0; r < ROWS; r++) {
      double u = random.nextGaussian();
      double v = random.nextGaussian();
      xy[0][r] = u;
      xy[1][r] = rho * u + Math.sqrt(1 - rho * rho) * v;
    }
    return xy;
  }

  private static int[] cut(double[] latent, double[] thresholds) {
    int[] codes = new int[latent.length];
    for (int r = 0; r < latent.length; r++) {
      int c = 0;
      while (c < thresholds.length && latent[r] > thresholds[c]) {
        c++;
      }
      codes[r] = c;
    }
    return codes;
  }
}
