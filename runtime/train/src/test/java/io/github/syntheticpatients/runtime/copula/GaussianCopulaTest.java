package io.github.syntheticpatients.runtime.copula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.CsvTables;
import io.github.syntheticpatients.runtime.encode.JsonLike;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.internal.StandardNormal;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class GaussianCopulaTest {
  private static final Table PIMA = CsvTables.load("pima2");
  private static final Table PBC = CsvTables.load("pbc");

  @Test
  void reproducesNumericMarginals() {
    GaussianCopula copula = GaussianCopulaFitter.fit(PIMA);
    Table synthetic = copula.sample(5000, RandomStream.of(2));
    for (String column : new String[] {"glucose", "mass", "pedigree", "age"}) {
      assertThat(ks(PIMA.column(column), synthetic.column(column))).as(column).isLessThan(0.05);
    }
    GaussianCopula pbc = GaussianCopulaFitter.fit(PBC);
    Table pbcSynthetic = pbc.sample(5000, RandomStream.of(2));
    assertThat(ks(PBC.column("bili"), pbcSynthetic.column("bili"))).isLessThan(0.05);
  }

  @Test
  void reproducesCorrelationsOfCorrelatedColumns() {
    GaussianCopula copula = GaussianCopulaFitter.fit(PIMA);
    Table synthetic = copula.sample(5000, RandomStream.of(3));
    double real = pearson(PIMA.column("glucose"), PIMA.column("insulin"));
    double fake = pearson(synthetic.column("glucose"), synthetic.column("insulin"));
    assertThat(real).isGreaterThan(0.5);
    assertThat(fake).isCloseTo(real, offset(0.08));
    double realAge = pearson(PIMA.column("age"), PIMA.column("pregnant"));
    assertThat(pearson(synthetic.column("age"), synthetic.column("pregnant")))
        .isCloseTo(realAge, offset(0.08));
  }

  @Test
  void reproducesMissingRatesCategoriesAndCorrelatedMissingness() {
    GaussianCopula copula = GaussianCopulaFitter.fit(PBC);
    Table synthetic = copula.sample(10_000, RandomStream.of(5));
    for (ColumnSchema column : PBC.schema().learnedColumns()) {
      assertThat(missingRate(synthetic.column(column.name())))
          .as(column.name())
          .isCloseTo(missingRate(PBC.column(column.name())), offset(0.02));
    }
    double[] stage = PBC.column("stage");
    double[] syntheticStage = synthetic.column("stage");
    for (int category = 0; category < 4; category++) {
      assertThat(share(syntheticStage, category)).isCloseTo(share(stage, category), offset(0.02));
    }
    // In pbc the 106 patients outside the trial miss trt, ascites and many labs together.
    assertThat(coMissing(synthetic.column("trt"), synthetic.column("ascites"))).isGreaterThan(0.8);
    assertThat(coMissing(PBC.column("trt"), PBC.column("ascites"))).isEqualTo(1.0);
  }

  @Test
  void samplesStayInTheProtectedRangeAndWholeNumbersStayWhole() {
    GaussianCopula copula = GaussianCopulaFitter.fit(PBC);
    Table synthetic = copula.sample(3000, RandomStream.of(7));
    for (ColumnSchema column : PBC.schema().columns()) {
      double[] real = PBC.column(column.name());
      double[] fake = synthetic.column(column.name());
      if (!column.isLearned()) {
        assertThat(Arrays.stream(fake).allMatch(Double::isNaN)).isTrue();
        continue;
      }
      // The default k = 5: from the 5th smallest to the 5th largest present value.
      double[] sorted = Arrays.stream(real).filter(v -> !Double.isNaN(v)).sorted().toArray();
      double min = sorted[4];
      double max = sorted[sorted.length - 5];
      for (double v : fake) {
        if (!Double.isNaN(v)) {
          assertThat(v).as(column.name()).isBetween(min, max);
          if (column.kind() != ColumnKind.NUMERIC) {
            assertThat(v).as(column.name()).isEqualTo(Math.rint(v));
          }
        }
      }
    }
  }

  @Test
  void quantileKnotsStartAndEndAtTheKthValuesAndHoldNoOutlier() {
    double[] x = new double[120];
    double[] y = new double[120];
    for (int i = 0; i < 118; i++) {
      x[i] = (i * 7) % 118 + 0.5; // 0.5 .. 117.5, all distinct
      y[i] = i % 3 == 0 ? Double.NaN : i;
    }
    x[118] = 123456789012345.0;
    x[119] = -40000.25;
    y[118] = Double.NaN;
    y[119] = Double.NaN;
    Table table =
        new Table(
            io.github.syntheticpatients.runtime.schema.TableSchema.of(
                java.util.List.of(
                    new ColumnSchema(
                        "x", ColumnKind.NUMERIC, false, 0, java.util.List.of(), 2, false),
                    new ColumnSchema(
                        "y", ColumnKind.NUMERIC, true, 0, java.util.List.of(), 2, false))),
            new double[][] {x, y});
    GaussianCopula copula = GaussianCopulaFitter.fit(table, 10);
    double[] knots = quantiles(copula.state(), 0);
    // x sorted: -40000.25, 0.5, 1.5, ...: the 10th smallest is 8.5; the 10th largest 109.5.
    assertThat(knots[0]).isEqualTo(8.5);
    assertThat(knots[knots.length - 1]).isEqualTo(109.5);
    assertThat(String.valueOf(copula.state())).doesNotContain("1.23456789012345E14", "-40000.25");
    for (double v : copula.sample(2000, RandomStream.of(1)).column("x")) {
      assertThat(v).isBetween(8.5, 109.5);
    }
    // k = 1 turns protection off: the knots span the observed range.
    double[] unprotected = quantiles(GaussianCopulaFitter.fit(table, 1).state(), 0);
    assertThat(unprotected[0]).isEqualTo(-40000.25);
    assertThat(unprotected[unprotected.length - 1]).isEqualTo(123456789012345.0);
  }

  @Test
  void aNullableColumnWithFewerThanKValuesIsGeneratedAsMissing() {
    double[] x = new double[40];
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      x[i] = i;
      y[i] = i < 4 ? 1000 + i : Double.NaN;
    }
    Table table =
        new Table(
            io.github.syntheticpatients.runtime.schema.TableSchema.of(
                java.util.List.of(
                    new ColumnSchema(
                        "x", ColumnKind.NUMERIC, false, 0, java.util.List.of(), 2, false),
                    new ColumnSchema(
                        "y", ColumnKind.INTEGER, true, 0, java.util.List.of(), 0, false))),
            new double[][] {x, y});
    GaussianCopula copula = GaussianCopulaFitter.fit(table, 5);
    assertThat(quantiles(copula.state(), 1)).containsOnly(0.0);
    assertThat(copula.sample(500, RandomStream.of(2)).column("y")).containsOnly(Double.NaN);
    // Five or more values whose tails overlap (five to eight at k = 5) are still withheld: kept,
    // they would collapse onto one record's value.
    y[4] = 1004;
    assertThat(GaussianCopulaFitter.fit(table, 5).sample(500, RandomStream.of(2)).column("y"))
        .containsOnly(Double.NaN);
    // With 2k - 1 = 9 values the k-th smallest meets the k-th largest, and the column is learned.
    for (int i = 5; i < 9; i++) {
      y[i] = 1000 + i;
    }
    assertThat(
            Arrays.stream(
                    GaussianCopulaFitter.fit(table, 5).sample(500, RandomStream.of(2)).column("y"))
                .filter(v -> !Double.isNaN(v)))
        .isNotEmpty();
    assertThatThrownBy(() -> GaussianCopulaFitter.fit(table.selectRows(new int[] {0, 1, 2}), 5))
        .isInstanceOf(io.github.syntheticpatients.runtime.InvalidInputException.class)
        .hasMessageContaining("'x' has only 3 values, too few for valueProtectionK=5");
  }

  @SuppressWarnings("unchecked")
  private static double[] quantiles(Map<String, Object> state, int column) {
    Map<String, Object> c =
        ((java.util.List<Map<String, Object>>) state.get("columns")).get(column);
    return ((java.util.List<Number>) c.get("quantiles"))
        .stream().mapToDouble(Number::doubleValue).toArray();
  }

  @Test
  void sameSeedGivesTheSameTable() {
    GaussianCopula first = GaussianCopulaFitter.fit(PIMA);
    GaussianCopula second = GaussianCopulaFitter.fit(PIMA);
    assertThat(second.state()).isEqualTo(first.state());
    Table a = first.sample(500, RandomStream.of(9));
    Table b = second.sample(500, RandomStream.of(9));
    Table c = first.sample(500, RandomStream.of(10));
    boolean differs = false;
    for (int col = 0; col < a.columnCount(); col++) {
      assertThat(b.column(col)).containsExactly(a.column(col));
      differs |= !Arrays.equals(a.column(col), c.column(col));
    }
    assertThat(differs).isTrue();
  }

  @Test
  void stateRoundTripThroughJsonLikeValuesSamplesIdentically() {
    GaussianCopula copula = GaussianCopulaFitter.fit(PBC);
    Map<String, Object> state = copula.state();
    GaussianCopula restored = GaussianCopula.fromState(PBC.schema(), JsonLike.copy(state));
    assertThat(restored.state()).isEqualTo(state);
    Table a = copula.sample(300, RandomStream.of(12));
    Table b = restored.sample(300, RandomStream.of(12));
    for (int col = 0; col < a.columnCount(); col++) {
      assertThat(b.column(col)).containsExactly(a.column(col));
    }
    assertThatThrownBy(() -> GaussianCopula.fromState(PIMA.schema(), state))
        .isInstanceOf(ModelFormatException.class);
  }

  @Test
  void correlationIsPositiveDefiniteWithUnitDiagonal() {
    double[][] r = GaussianCopulaFitter.fit(PBC).correlation();
    for (int i = 0; i < r.length; i++) {
      assertThat(r[i][i]).isEqualTo(1.0);
      for (int j = 0; j < r.length; j++) {
        assertThat(r[i][j]).isEqualTo(r[j][i]).isBetween(-1.0, 1.0);
      }
    }
    assertThat(r.length)
        .isEqualTo(
            PBC.schema().learnedColumns().size()
                + (int)
                    PBC.schema().learnedColumns().stream().filter(ColumnSchema::nullable).count());
  }

  @Test
  void normalDistributionFunctionMatchesCommonsMath() {
    for (double x = -12; x <= 12; x += 0.01) {
      double reference = 0.5 * Erf.erfc(-x / Math.sqrt(2));
      assertThat(StandardNormal.cdf(x)).isCloseTo(reference, offset(1e-15 + 1e-9 * reference));
      if (Math.abs(x) < 6) {
        assertThat(StandardNormal.inverse(StandardNormal.cdf(x))).isCloseTo(x, offset(1e-7));
      }
    }
  }

  @Test
  void fitsAndSamplesTheLargestTableQuickly() {
    Table nafld = CsvTables.load("nafld1");
    GaussianCopulaFitter.fit(nafld).sample(1000, RandomStream.of(0)); // warm-up
    long start = System.nanoTime();
    GaussianCopula copula = GaussianCopulaFitter.fit(nafld);
    long fitted = System.nanoTime();
    Table synthetic = copula.sample(100_000, RandomStream.of(15));
    long sampled = System.nanoTime();
    System.out.printf(
        "copula nafld1 %d rows: fit %.0f ms, sample 100000 rows %.0f ms%n",
        nafld.rowCount(), (fitted - start) / 1e6, (sampled - fitted) / 1e6);
    double real = pearson(nafld.column("weight"), nafld.column("bmi"));
    assertThat(pearson(synthetic.column("weight"), synthetic.column("bmi")))
        .isCloseTo(real, offset(0.05));
    assertThat(ks(nafld.column("age"), synthetic.column("age"))).isLessThan(0.03);
  }

  /** Two-sample Kolmogorov-Smirnov distance of the present values. */
  static double ks(double[] a, double[] b) {
    double[] x = Arrays.stream(a).filter(v -> !Double.isNaN(v)).sorted().toArray();
    double[] y = Arrays.stream(b).filter(v -> !Double.isNaN(v)).sorted().toArray();
    int i = 0;
    int j = 0;
    double worst = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] <= v) {
        i++;
      }
      while (j < y.length && y[j] <= v) {
        j++;
      }
      worst = Math.max(worst, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return worst;
  }

  static double pearson(double[] x, double[] y) {
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        n++;
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        syy += y[i] * y[i];
        sxy += x[i] * y[i];
      }
    }
    return (sxy - sx * sy / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
  }

  private static double missingRate(double[] values) {
    return Arrays.stream(values).filter(Double::isNaN).count() / (double) values.length;
  }

  private static double share(double[] values, int category) {
    return Arrays.stream(values).filter(v -> v == category).count() / (double) values.length;
  }

  /** Of the rows missing {@code a}, the share also missing {@code b}. */
  private static double coMissing(double[] a, double[] b) {
    int both = 0;
    int missingA = 0;
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i])) {
        missingA++;
        both += Double.isNaN(b[i]) ? 1 : 0;
      }
    }
    return (double) both / missingA;
  }
}
