package io.github.syntheticpatients.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  @Test
  void sameInputsAndSeedGiveTheSameReportAndAnotherSeedDoesNot() {
    Table train = TestTables.patients(400, 1);
    Table holdout = TestTables.patients(400, 2);
    Table synthetic = TestTables.independentMarginals(train, 400, 3);
    String first = json(train, holdout, synthetic, 9);
    assertThat(json(train, holdout, synthetic, 9)).isEqualTo(first);
    assertThat(HtmlReport.render(report(train, holdout, synthetic, 9)))
        .isEqualTo(HtmlReport.render(report(train, holdout, synthetic, 9)));
    assertThat(json(train, holdout, synthetic, 10)).isNotEqualTo(first);
  }

  private static EvaluationReport report(Table train, Table holdout, Table synthetic, long seed) {
    return EvaluationReport.compute(train, holdout, synthetic, null, "stage", GateSettings.defaults(), seed);
  }

  private static String json(Table train, Table holdout, Table synthetic, long seed) {
    return new String(JsonFiles.toBytes(ReportTree.of(report(train, holdout, synthetic, seed))), java.nio.charset.StandardCharsets.UTF_8);
  }
}
