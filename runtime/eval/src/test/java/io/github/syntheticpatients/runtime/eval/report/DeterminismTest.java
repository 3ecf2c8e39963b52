package io.github.syntheticpatients.runtime.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.TestTables;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentColumns;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  @Test
  void sameInputsAndSeedGiveTheSameReportAndAnotherSeedDoesNot() {
    Table train = TestTables.patients(400, 1);
    Table holdout = TestTables.patients(400, 2);
    Table synthetic = IndependentColumns.sample(train, 400, 3);
    // three computations, not one per comparison: each trains the detection forests
    EvaluationReport first = report(train, holdout, synthetic, 9);
    EvaluationReport again = report(train, holdout, synthetic, 9);
    assertThat(json(again)).isEqualTo(json(first));
    assertThat(HtmlReport.render(again)).isEqualTo(HtmlReport.render(first));
    assertThat(json(report(train, holdout, synthetic, 10))).isNotEqualTo(json(first));
  }

  private static EvaluationReport report(Table train, Table holdout, Table synthetic, long seed) {
    return EvaluationReport.compute(
        train, holdout, synthetic, null, "stage", GateSettings.defaults(), seed);
  }

  private static String json(EvaluationReport report) {
    return new String(
        JsonFiles.toBytes(ReportTree.of(report)), java.nio.charset.StandardCharsets.UTF_8);
  }
}
