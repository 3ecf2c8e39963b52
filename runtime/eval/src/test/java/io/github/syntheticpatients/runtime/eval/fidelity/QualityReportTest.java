package io.github.syntheticpatients.runtime.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.TestTables;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityReportTest {
  @Test
  void identicalTablesScoreOne() {
    Table real = TestTables.patients(400, 1);
    QualityReport report = QualityReport.compute(real, real);
    assertThat(report.columnShapes()).isEqualTo(1.0);
    assertThat(report.columnPairTrends()).isEqualTo(1.0);
    assertThat(report.overall()).isEqualTo(1.0);
    assertThat(report.columnShapesWithMissing()).isEqualTo(1.0);
    // identifier ignored: age, bmi, sex, stage, visit, outcome -> 6 columns, 15 pairs
    assertThat(report.columns()).hasSize(6);
    assertThat(report.pairs()).hasSize(15);
    assertThat(report.columns().get(0).metric()).isEqualTo("KSComplement");
    assertThat(report.columns().get(2).metric()).isEqualTo("TVComplement");
  }

  @Test
  void disjointTablesScoreNearZeroOnShapes() {
    TableSchema schema =
        TableSchema.of(
            List.of(
                new ColumnSchema("x", ColumnKind.NUMERIC, false, 0, List.of(), 2, false),
                new ColumnSchema(
                    "c", ColumnKind.CATEGORICAL, false, 0, List.of("a", "b", "c", "d"), 0, false)));
    Table real =
        TestTables.of(schema, new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0, 1, 0, 1});
    Table syn = TestTables.of(schema, new double[] {10, 11, 12, 13}, new double[] {2, 3, 2, 3});
    QualityReport report = QualityReport.compute(real, syn);
    assertThat(report.columnShapes()).isEqualTo(0.0);
    // the pair is continuous x discrete: contingency on (own-binned x, category); categories never
    // overlap
    assertThat(report.columnPairTrends()).isEqualTo(0.0);
    assertThat(report.overall()).isEqualTo(0.0);
  }

  @Test
  void noiseScoresFarBelowAFreshSample() {
    Table real = TestTables.patients(800, 1);
    double fresh = QualityReport.compute(real, TestTables.patients(800, 2)).overall();
    double noise = QualityReport.compute(real, TestTables.noise(real, 800, 3)).overall();
    assertThat(fresh).isGreaterThan(0.9);
    assertThat(noise).isLessThan(fresh - 0.1).isLessThan(0.85);
  }

  @Test
  void wrongMissingRateLowersOnlyTheMissingAwareScore() {
    Table real = TestTables.patients(500, 1);
    double[][] c = new double[real.columnCount()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = real.column(i).clone();
    }
    for (int i = 0; i < c[2].length; i++) {
      if (Double.isNaN(c[2][i])) {
        c[2][i] = 25; // fill every missing bmi
      }
    }
    QualityReport report = QualityReport.compute(real, new Table(real.schema(), c));
    QualityReport.ColumnShape bmi = report.columns().get(1);
    assertThat(bmi.column()).isEqualTo("bmi");
    assertThat(bmi.missingSimilarity()).isLessThan(1.0);
    assertThat(bmi.scoreWithMissing()).isLessThan(bmi.score() + 1e-12);
  }
}
