package io.github.syntheticpatients.runtime.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.TestTables;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentColumns;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.report.EvaluationReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivacyGateTest {
  private static final Table TRAIN = TestTables.patients(600, 1);
  private static final Table HOLDOUT = TestTables.patients(600, 2);
  private static final GateSettings DEFAULTS = GateSettings.defaults();

  private static List<String> failed(GateResult gate) {
    return gate.failures().stream().map(c -> c.id() + ":" + c.name()).toList();
  }

  @Test
  void aCopyOfTheTrainingDataFails() {
    GateResult gate = PrivacyGate.evaluate(TRAIN, HOLDOUT, TRAIN, "stage", DEFAULTS, 11);
    assertThat(gate.passed()).isFalse();
    assertThat(failed(gate))
        .contains(
            "G2:exactMatchShare",
            "G3:copiedTrainingRows",
            "G4:dcrCloser",
            "G7:miaAuc",
            "G7:domiasAuc");
    GateCheck g3 =
        gate.checks().stream().filter(c -> c.id().equals("G3")).findFirst().orElseThrow();
    assertThat(g3.value()).isEqualTo(600.0);
    // no holdout row equals a training row here: with 600 synthetic and 600 holdout rows a fresh
    // real sample shows
    // more than 8 such coincidences with probability below alpha = 0.05/6 (0.5^9 = 0.002 < 0.0083 <
    // 0.5^8)
    assertThat(g3.threshold()).isEqualTo(7.0);
    assertThat(g3.advice()).contains("train fewer epochs");
  }

  @Test
  void aFewCopiedRowsInOtherwiseIndependentSamplesFail() {
    Table independent = IndependentColumns.sample(TRAIN, 600, 5);
    GateResult clean = PrivacyGate.evaluate(TRAIN, HOLDOUT, independent, null, DEFAULTS, 11);
    assertThat(failed(clean)).doesNotContain("G3:copiedTrainingRows", "G2:exactMatchShare");
    Table leaky = TestTables.withCopiedRows(independent, TRAIN, 12, 6);
    GateResult gate = PrivacyGate.evaluate(TRAIN, HOLDOUT, leaky, null, DEFAULTS, 11);
    assertThat(gate.passed()).isFalse();
    assertThat(failed(gate)).contains("G2:exactMatchShare", "G3:copiedTrainingRows");
    GateCheck g2 =
        gate.checks().stream().filter(c -> c.id().equals("G2")).findFirst().orElseThrow();
    assertThat(g2.value()).isEqualTo(12 / 600.0);
  }

  @Test
  void pureNoisePassesPrivacyAndOnlyWarnsOnFidelityRelativeToTheHoldout() {
    Table noise = TestTables.noise(TRAIN, 600, 9);
    EvaluationReport report =
        EvaluationReport.compute(TRAIN, HOLDOUT, noise, null, "stage", DEFAULTS, 11);
    assertThat(report.privacyPassed()).isTrue();
    assertThat(report.gate().passed()).isTrue();
    GateCheck f1 =
        report.gate().checks().stream().filter(c -> c.id().equals("F1")).findFirst().orElseThrow();
    assertThat(f1.status()).isEqualTo("WARN");
    double holdoutScore = QualityReport.compute(TRAIN, HOLDOUT).overall();
    assertThat(f1.threshold())
        .isCloseTo(holdoutScore - 0.05, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aFreshRealSamplePassesPrivacy() {
    GateResult gate =
        PrivacyGate.evaluate(TRAIN, HOLDOUT, TestTables.patients(600, 3), "stage", DEFAULTS, 11);
    assertThat(failed(gate)).isEmpty();
  }

  @Test
  void withoutHoldoutTheHoldoutRelativeChecksAreNotEvaluatedButCopiesStillFail() {
    GateResult gate = PrivacyGate.evaluate(TRAIN, null, TRAIN, null, DEFAULTS, 11);
    assertThat(failed(gate)).containsExactly("G3:copiedTrainingRows");
    GateCheck g4 =
        gate.checks().stream().filter(c -> c.id().equals("G4")).findFirst().orElseThrow();
    assertThat(g4.value()).isNaN();
    assertThat(g4.evaluated()).isFalse();
    assertThat(g4.status()).isEqualTo("NOT_EVALUATED");
    GateResult fresh =
        PrivacyGate.evaluate(TRAIN, null, TestTables.patients(600, 3), null, DEFAULTS, 11);
    assertThat(fresh.passed()).isTrue();
    // of 12 checks only G3 runs: G9's two need a sensitive column, the other nine a holdout
    assertThat(fresh.summary())
        .startsWith("passed: passed 1 of 12 checks; 11 not evaluated (9 need a holdout)");
  }

  @Test
  void thresholdsAreOverridableByNameAndUnknownNamesAreRejected() {
    Table leaky = TestTables.withCopiedRows(IndependentColumns.sample(TRAIN, 600, 5), TRAIN, 12, 6);
    GateSettings lenient = DEFAULTS.with(Map.of("exactCopyMargin", 0.05));
    GateResult gate = PrivacyGate.evaluate(TRAIN, HOLDOUT, leaky, null, lenient, 11);
    assertThat(failed(gate)).doesNotContain("G2:exactMatchShare").contains("G3:copiedTrainingRows");
    assertThatThrownBy(() -> DEFAULTS.with(Map.of("dcrShare", 0.6)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Unknown privacy-gate threshold 'dcrShare'")
        .hasMessageContaining("dcrMinEffect");
  }

  @Test
  void privacyMetricsOfACopyAreExtreme() {
    PrivacyReport r = PrivacyMetrics.compute(TRAIN, HOLDOUT, TRAIN, "stage", 3);
    assertThat(r.imsTrain()).isEqualTo(1.0);
    assertThat(r.dcrShare()).isGreaterThan(0.95);
    assertThat(r.miaAuc()).isGreaterThan(0.95);
    assertThat(r.minDcrRealToSynthetic()).isEqualTo(0.0);
    assertThat(r.commonRowsProportion()).isEqualTo(1.0);
    assertThat(r.identifiability()).isEqualTo(1.0);
    assertThat(r.leakageAccuracyTrain()).isGreaterThan(r.leakageAccuracyHoldout());
    PrivacyReport fresh =
        PrivacyMetrics.compute(TRAIN, HOLDOUT, TestTables.patients(600, 3), "stage", 3);
    assertThat(fresh.dcrShare()).isBetween(0.4, 0.6);
    assertThat(fresh.miaAuc()).isBetween(0.4, 0.6);
    assertThat(fresh.imsTrain()).isEqualTo(0.0);
  }
}
