package io.github.syntheticpatients.runtime.copula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The copula's exact conditioning against the bivariate normal worked out by hand. A binary y (20 %
 * ones) and a numeric x whose quantile function is the identity on [0, 1], so x = Φ(z_x), with
 * correlation ρ = 0.6 between the scores. Given y = 1, that is z_y > a = Φ⁻¹(0.8):
 *
 * <pre>
 * E[x | y = 1] = ∫_a^∞ φ(t) Φ(ρt / √(2 − ρ²)) dt / 0.2
 * </pre>
 *
 * (z_x = ρt + √(1 − ρ²)·e given z_y = t, and E[Φ(μ + σe)] = Φ(μ / √(1 + σ²))), integrated here
 * numerically with the test's own Φ.
 */
class ConditionalSamplingTest {
  private static final double RHO = 0.6;

  @Test
  void aFixedCategoryGivesTheConditionalDistributionOfTheOtherColumns() {
    GaussianCopula copula = copula();
    Table ones = copula.sample(20_000, "y", 1, RandomStream.of(5));
    Table zeros = copula.sample(20_000, "y", 0, RandomStream.of(6));

    assertThat(ones.column("y")).containsOnly(1.0);
    assertThat(zeros.column("y")).containsOnly(0.0);
    double a = quantile(0.8);
    // x has sd about 0.26: the standard error of a mean of 20,000 is under 0.002
    assertThat(mean(ones.column("x"))).isCloseTo(expectedX(a, 12.0) / 0.2, offset(0.01));
    assertThat(mean(zeros.column("x"))).isCloseTo(expectedX(-12.0, a) / 0.8, offset(0.01));
  }

  @Test
  void theSameSeedGivesTheSameRows() {
    GaussianCopula copula = copula();
    assertThat(copula.sample(50, "y", 1, RandomStream.of(9)).column("x"))
        .containsExactly(copula.sample(50, "y", 1, RandomStream.of(9)).column("x"));
  }

  private static GaussianCopula copula() {
    TableSchema schema =
        TableSchema.of(
            List.of(
                new ColumnSchema("y", ColumnKind.BINARY, false, 0, List.of("0", "1"), 0, false),
                new ColumnSchema("x", ColumnKind.NUMERIC, false, 0, null, 6, false)));
    double[] identity = new double[201];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i / 200.0;
    }
    return new GaussianCopula(
        schema,
        new ContinuousMarginal[] {null, new ContinuousMarginal(identity)},
        new DiscreteMarginal[] {new DiscreteMarginal(new double[] {0.8, 0.2}), null},
        new DiscreteMarginal[] {null, null},
        new double[][] {{1, RHO}, {RHO, 1}});
  }

  /** ∫_low^high φ(t) Φ(ρt / √(2 − ρ²)) dt by Simpson's rule. */
  private static double expectedX(double low, double high) {
    int steps = 4000;
    double h = (high - low) / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double t = low + i * h;
      double weight = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2);
      sum += weight * density(t) * cdf(RHO * t / Math.sqrt(2 - RHO * RHO));
    }
    return sum * h / 3;
  }

  private static double density(double t) {
    return Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
  }

  /** Φ by Simpson's rule from −12. */
  private static double cdf(double u) {
    int steps = 2000;
    double low = -12;
    double h = (u - low) / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double weight = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2);
      sum += weight * density(low + i * h);
    }
    return sum * h / 3;
  }

  /** Φ⁻¹ by bisection on the test's own Φ. */
  private static double quantile(double p) {
    double low = -10;
    double high = 10;
    for (int i = 0; i < 100; i++) {
      double middle = (low + high) / 2;
      if (cdf(middle) < p) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return (low + high) / 2;
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElseThrow();
  }
}
