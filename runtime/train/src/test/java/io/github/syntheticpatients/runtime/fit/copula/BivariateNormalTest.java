package io.github.syntheticpatients.runtime.fit.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BivariateNormalTest {
  @ParameterizedTest
  @CsvSource({"-0.99", "-0.95", "-0.6", "-0.2", "0.1", "0.5", "0.8", "0.93", "0.99"})
  void matchesTheClosedFormAtTheOrigin(double rho) {
    // Sheppard: P(X ≤ 0, Y ≤ 0) = 1/4 + asin(ρ) / 2π.
    assertEquals(0.25 + Math.asin(rho) / (2 * Math.PI), BivariateNormal.cdf(0, 0, rho), 1e-13);
  }

  @ParameterizedTest
  @CsvSource({
    "-1.3, 0.4, -0.97",
    "-1.3, 0.4, -0.5",
    "0.7, -0.2, -0.1",
    "0.7, 1.9, 0.3",
    "-2.1, -0.8, 0.6",
    "1.5, 1.5, 0.9",
    "0.3, -0.4, 0.94",
    "-0.6, -1.1, 0.98",
    "2.2, -2.5, -0.93"
  })
  void matchesPlackettsIntegral(double h, double k, double rho) {
    assertEquals(plackett(h, k, rho), BivariateNormal.cdf(h, k, rho), 1e-10);
  }

  @ParameterizedTest
  @CsvSource({"-0.4, 1.2", "1.0, -3.0"})
  void reachesTheMarginalsAtTheEdges(double h, double k) {
    double inf = Double.POSITIVE_INFINITY;
    assertEquals(normal(h), BivariateNormal.cdf(h, inf, 0.5), 1e-12);
    assertEquals(normal(k), BivariateNormal.cdf(inf, k, -0.5), 1e-12);
    assertEquals(0, BivariateNormal.cdf(-inf, k, 0.5));
    assertEquals(normal(h) * normal(k), BivariateNormal.cdf(h, k, 0), 1e-12);
  }

  /**
   * The reference, computed apart from Genz's algorithm: Φ2(h, k; ρ) = Φ(h)Φ(k) + ∫_0^ρ φ2(h, k; r)
   * dr (Plackett 1954, since ∂Φ2/∂ρ = φ2), by composite Simpson over 20,000 intervals.
   */
  private static double plackett(double h, double k, double rho) {
    int n = 20_000;
    double step = rho / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double weight = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
      sum += weight * density(h, k, i * step);
    }
    return normal(h) * normal(k) + sum * step / 3;
  }

  private static double density(double h, double k, double r) {
    double q = (h * h - 2 * r * h * k + k * k) / (1 - r * r);
    return Math.exp(-q / 2) / (2 * Math.PI * Math.sqrt(1 - r * r));
  }

  /** Φ by composite Simpson over [−12, x] with 20,000 intervals. */
  private static double normal(double x) {
    if (x == Double.POSITIVE_INFINITY) {
      return 1;
    }
    int n = 20_000;
    double lo = -12;
    double step = (x - lo) / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double z = lo + i * step;
      double weight = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
      sum += weight * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }
    return sum * step / 3;
  }
}
