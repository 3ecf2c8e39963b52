package io.github.syntheticpatients.runtime.fit.copula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DP copula's fit reads the records only through its two noisy releases: with no noise it finds
 * the correlations a table was built with (and the non-DP fit's), with overwhelming noise two
 * different tables give the same model, and no record's value reaches the model.
 */
class DpCopulaFitterTest {
  private static final int ROWS = 4000;
  private static final String PREFIX = "dp.bounds.";
  private static final Map<String, double[]> BOUNDS =
      Map.of(
          "x", new double[] {0, 100},
          "y", new double[] {0, 50},
          "z", new double[] {0, 30});

  private static final TableSchema SCHEMA =
      TableSchema.of(
          List.of(
              new ColumnSchema("x", ColumnKind.NUMERIC, false, 0, List.of(), 2, false),
              new ColumnSchema("y", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
              new ColumnSchema("b", ColumnKind.BINARY, false, 0, List.of("no", "yes"), 0, false),
              new ColumnSchema(
                  "c", ColumnKind.CATEGORICAL, false, 0, List.of("lo", "mid", "hi"), 0, false),
              new ColumnSchema("z", ColumnKind.NUMERIC, true, 0.2, List.of(), 2, false)));

  /**
   * A table from latent normals u, v = 0.7u + …, w = 0.5u + …, t = −0.6u + …, s = 0.6u + …: x and y
   * rise with u and v, b is w above 0.5, c cuts t at −0.5 and 0.6, z rises with s and is missing at
   * random in a fifth of the rows.
   */
  private static Table table(long seed) {
    Random random = new Random(seed);
    double[][] columns = new double[5][ROWS];
    for (int r = 0; r < ROWS; r++) {
      double u = random.nextGaussian();
      double v = 0.7 * u + Math.sqrt(1 - 0.49) * random.nextGaussian();
      double w = 0.5 * u + Math.sqrt(1 - 0.25) * random.nextGaussian();
      double t = -0.6 * u + Math.sqrt(1 - 0.36) * random.nextGaussian();
      double s = 0.6 * u + Math.sqrt(1 - 0.36) * random.nextGaussian();
      columns[0][r] = Math.rint((50 + 12 * u) * 100) / 100;
      columns[1][r] = Math.max(0, Math.rint(20 + 4 * v + 0.5 * v * v)); // rising for v > −4
      columns[2][r] = w > 0.5 ? 1 : 0;
      columns[3][r] = t < -0.5 ? 0 : t < 0.6 ? 1 : 2;
      columns[4][r] = random.nextDouble() < 0.2 ? Double.NaN : Math.rint((12 + 3 * s) * 100) / 100;
    }
    return new Table(SCHEMA, columns);
  }

  private static GaussianCopula fit(Table table, double clip, double noise, long seed) {
    return DpCopulaFitter.fit(
            table,
            BOUNDS,
            PREFIX,
            new DpCopulaFitter.Plan(20, clip, noise, noise),
            RandomStream.of(seed))
        .copula();
  }

  @Test
  void withoutNoiseItFindsTheLatentCorrelationsAndAgreesWithTheFitWithoutDp() {
    Table table = table(1);
    // A clip norm of 3√d leaves almost every score vector whole (clipping at √d weakens the
    // strong pairs by about a tenth: it down-weights the records far out along them).
    double[][] dp = fit(table, 3, 0, 5).correlation();
    // Dimensions: x, y, b, c, z, z's missing indicator.
    assertThat(dp[0][1]).isCloseTo(0.7, within(0.05));
    assertThat(dp[0][2]).isCloseTo(0.5, within(0.05));
    assertThat(dp[0][3]).isCloseTo(-0.6, within(0.05));
    assertThat(dp[0][4]).isCloseTo(0.6, within(0.05));
    assertThat(dp[1][2]).isCloseTo(0.35, within(0.05));
    assertThat(dp[2][3]).isCloseTo(-0.3, within(0.05));
    assertThat(dp[0][5]).isCloseTo(0, within(0.05));
    double[][] plain = GaussianCopulaFitter.fit(table, 1).correlation();
    for (int a = 0; a < dp.length; a++) {
      for (int b = 0; b < dp.length; b++) {
        assertThat(dp[a][b]).as("entry %d, %d", a, b).isCloseTo(plain[a][b], within(0.02));
      }
    }
  }

  @Test
  void aCorrelationNoiseCouldExplainIsDroppedAndAStrongOneKept() {
    // σ = 20 on 4,000 rows: the entries' noise is 20·C²/4000 = 0.03 on the scores' correlation,
    // about 0.04 on a latent one with the missing indicator (its scores' deviation is 0.7). The
    // indicator is independent of every column, so its estimates are noise: all within 3
    // deviations.
    double[][] noisy = fit(table(1), 1, 20, 5).correlation();
    for (int a = 0; a < 4; a++) {
      assertThat(noisy[a][5]).as("column %d with z's missing indicator", a).isZero();
    }
    // The strong and the middling pairs stand far above their noise and stay (weakened by the
    // clip at √d, as without noise).
    assertThat(noisy[0][1]).isBetween(0.55, 0.75);
    assertThat(noisy[0][3]).isBetween(-0.65, -0.4);
    assertThat(noisy[2][3]).isBetween(-0.35, -0.15);
  }

  @Test
  void underOverwhelmingNoiseTwoDifferentTablesGiveTheSameModel() {
    GaussianCopula first = fit(table(1), 1, 1e9, 5);
    GaussianCopula second = fit(table(2), 1, 1e9, 5);
    assertThat(table(1).column(0)).isNotEqualTo(table(2).column(0));
    double[][] a = first.correlation();
    double[][] b = second.correlation();
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        assertThat(a[i][j]).isCloseTo(b[i][j], within(1e-4));
      }
    }
    List<?> columnsA = (List<?>) first.state().get("columns");
    List<?> columnsB = (List<?>) second.state().get("columns");
    for (int c = 0; c < columnsA.size(); c++) {
      Map<?, ?> ca = (Map<?, ?>) columnsA.get(c);
      Map<?, ?> cb = (Map<?, ?>) columnsB.get(c);
      for (String key : List.of("quantiles", "probabilities", "missing")) {
        if (ca.containsKey(key)) {
          List<?> va = (List<?>) ca.get(key);
          List<?> vb = (List<?>) cb.get(key);
          for (int k = 0; k < va.size(); k++) {
            assertThat(((Number) va.get(k)).doubleValue())
                .isCloseTo(((Number) vb.get(k)).doubleValue(), within(1e-3));
          }
        }
      }
    }
  }

  @Test
  void noRecordsValueReachesTheModel() {
    Table table = table(3);
    double planted = 93.17; // 3.6 sd above the mean: a value one row holds
    double[] x = table.column(0);
    x[0] = planted;
    double[][] columns = new double[5][];
    columns[0] = x;
    for (int c = 1; c < 5; c++) {
      columns[c] = table.column(c);
    }
    GaussianCopula copula = fit(new Table(SCHEMA, columns), 1, 0.5, 5);
    Map<?, ?> column = (Map<?, ?>) ((List<?>) copula.state().get("columns")).get(0);
    List<?> knots = (List<?>) column.get("quantiles");
    for (Object knot : knots) {
      double value = ((Number) knot).doubleValue();
      assertThat(value).isNotEqualTo(planted).isBetween(0.0, 100.0);
    }
  }

  @Test
  void aContinuousColumnWithoutDeclaredBoundsIsRefusedNamingTheOption() {
    Map<String, double[]> bounds = Map.of("x", new double[] {0, 100}, "z", new double[] {0, 30});
    assertThatThrownBy(
            () ->
                DpCopulaFitter.fit(
                    table(1),
                    bounds,
                    PREFIX,
                    new DpCopulaFitter.Plan(20, 1.0, 1, 1),
                    RandomStream.of(1)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("dp.bounds.y"))
        .hasMessageContaining("set the option dp.bounds.y=low:high");
  }

  @Test
  void wholeValuedColumnsGetBinsOfWholeValues() {
    // 0..50 is 51 values; 20 bins would be 2.55 wide, so bins of 3 values: 17 of them.
    double[] edges = DpCopulaFitter.edges(ColumnKind.INTEGER, 0, 50, 20);
    assertThat(edges).hasSize(18);
    assertThat(edges[0]).isEqualTo(-0.5);
    assertThat(edges[1]).isEqualTo(2.5);
    assertThat(edges[17]).isEqualTo(50.5);
    assertThat(DpCopulaFitter.cell(edges, 3)).isEqualTo(1);
    assertThat(DpCopulaFitter.cell(edges, -7)).isZero();
    assertThat(DpCopulaFitter.cell(edges, 80)).isEqualTo(16);
    assertThat(DpCopulaFitter.edges(ColumnKind.NUMERIC, 0, 10, 4))
        .containsExactly(0, 2.5, 5, 7.5, 10);
  }
}
