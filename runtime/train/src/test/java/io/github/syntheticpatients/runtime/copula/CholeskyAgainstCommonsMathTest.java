package io.github.syntheticpatients.runtime.copula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The core's Cholesky factor against commons-math3's, which the copula used before: the same bits,
 * and the same matrices refused, so models load into the same factor and fitting shrinks a
 * correlation as often as before.
 */
class CholeskyAgainstCommonsMathTest {

  @Test
  void givesCommonsMathsFactorBitForBit() {
    SplittableRandom random = new SplittableRandom(16);
    int refused = 0;
    for (int trial = 0; trial < 500; trial++) {
      double[][] matrix = randomCorrelationLike(random, 1 + random.nextInt(12));
      double[][] expected = commonsMath(matrix);
      if (expected == null) {
        refused++;
        assertThat(Cholesky.lower(matrix)).as("trial %d", trial).isEmpty();
      } else {
        assertThat(Cholesky.lower(matrix))
            .as("trial %d", trial)
            .hasValueSatisfying(l -> assertThat(l).isDeepEqualTo(expected));
      }
    }
    // Both branches ran.
    assertThat(refused).isBetween(1, 499);
  }

  /**
   * Ones on the diagonal, symmetric off-diagonal entries in (-1, 1): positive definite or not, by
   * chance.
   */
  private static double[][] randomCorrelationLike(SplittableRandom random, int d) {
    double scale = random.nextDouble();
    double[][] m = new double[d][d];
    for (int a = 0; a < d; a++) {
      m[a][a] = 1;
      for (int b = a + 1; b < d; b++) {
        m[a][b] = m[b][a] = scale * (2 * random.nextDouble() - 1);
      }
    }
    return m;
  }

  private static double[][] commonsMath(double[][] matrix) {
    try {
      return new CholeskyDecomposition(
              new Array2DRowRealMatrix(matrix), Cholesky.SYMMETRY_TOLERANCE, Cholesky.MINIMUM_PIVOT)
          .getL()
          .getData();
    } catch (MathIllegalArgumentException e) {
      return null;
    }
  }
}
