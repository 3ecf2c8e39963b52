package io.github.syntheticpatients.runtime.copula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyTest {

  @Test
  void factorsAHandCheckedMatrixExactly() {
    // L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]: every step is exact in binary (4 = 2², 37 − 6² = 1,
    // 98 − 64 − 25 = 9).
    double[][] a = {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}};

    assertThat(Cholesky.lower(a))
        .hasValueSatisfying(
            l -> assertThat(l).isDeepEqualTo(new double[][] {{2, 0, 0}, {6, 1, 0}, {-8, 5, 3}}));
  }

  @Test
  void factorsATwoByTwoCorrelation() {
    // [[1, ρ], [ρ, 1]] has L = [[1, 0], [ρ, √(1 − ρ²)]]; ρ = 0.6 gives 0.8.
    double[][] l = Cholesky.lower(new double[][] {{1, 0.6}, {0.6, 1}}).orElseThrow();

    assertThat(l[0]).containsExactly(1, 0);
    assertThat(l[1][0]).isEqualTo(0.6);
    assertThat(l[1][1]).isCloseTo(0.8, within(1e-15));
  }

  @Test
  void leavesTheInputUntouched() {
    double[][] a = {{4, 12}, {12, 37}};
    Cholesky.lower(a);
    assertThat(a).isDeepEqualTo(new double[][] {{4, 12}, {12, 37}});
  }

  @Test
  void refusesMatricesThatAreNotSymmetricPositiveDefinite() {
    assertThat(Cholesky.lower(new double[][] {{1, 2}, {2, 1}})).as("indefinite").isEmpty();
    assertThat(Cholesky.lower(new double[][] {{1, 1}, {1, 1}})).as("singular").isEmpty();
    assertThat(Cholesky.lower(new double[][] {{1, 0.5}, {0.4, 1}})).as("not symmetric").isEmpty();
    assertThat(Cholesky.lower(new double[][] {{1, 0}, {0}})).as("not square").isEmpty();
    assertThat(Cholesky.lower(new double[][] {{Cholesky.MINIMUM_PIVOT}}))
        .as("pivot at the threshold")
        .isEmpty();
    assertThat(Cholesky.lower(new double[][] {{Double.NaN}})).as("NaN").isEmpty();
  }
}
