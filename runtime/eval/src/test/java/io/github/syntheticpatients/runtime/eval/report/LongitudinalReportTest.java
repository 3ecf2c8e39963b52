package io.github.syntheticpatients.runtime.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.TestTables;
import io.github.syntheticpatients.runtime.eval.TimelineFixtures;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongitudinalReportTest {
  private static final Timelines[] HALVES =
      TimelineFixtures.split(TimelineFixtures.load("pbcseq", "id", "day"), 0.5, 42);
  private static final Timelines[] QUARTERS = TimelineFixtures.split(HALVES[1], 0.5, 9);

  @Test
  void freshRealPatientsPassAndTheReportHasTheTimelineSection() {
    EvaluationReport r =
        EvaluationReport.computeLongitudinal(
            HALVES[0], QUARTERS[1], QUARTERS[0], "status", null, GateSettings.defaults(), 3);
    assertThat(r.gate().failures()).isEmpty();
    assertThat(r.gate().checks())
        .extracting(GateCheck::name)
        .contains("patient.copiedTimelines", "patient.dcrCloser", "dcrCloser");
    assertThat(r.scores())
        .containsKeys(
            "timelineOverall", "timelineAutocorrelation", "copiedTimelines", "patientDcrShare");
    assertThat(r.scores().get("timelineOverall")).isGreaterThan(0.85);
    Map<String, Object> tree = ReportTree.of(r);
    @SuppressWarnings("unchecked")
    Map<String, Object> longitudinal = (Map<String, Object>) tree.get("longitudinal");
    assertThat(longitudinal).containsKeys("patients", "quality", "privacy");
    assertThat(HtmlReport.render(r))
        .contains("Timelines (patients)", "Lag-1 dependence", "patient.copiedTimelines");
  }

  @Test
  void theReportCountsRuleViolationsAndShowsTheDynamics() {
    // A copy of the training patients keeps every rule when nothing is protected (k = 1) ...
    EvaluationReport copy =
        EvaluationReport.computeLongitudinal(
            HALVES[0], null, HALVES[0], null, null, GateSettings.defaults(), 3, 1);
    assertThat(copy.longitudinal().rules().total()).isZero();
    assertThat(copy.longitudinal().dynamics().score()).isEqualTo(1.0);
    // ... and holds the k - 1 values below each protected low bound and above each high one
    // (k = 2: one a side, more where the extreme value is shared)
    EvaluationReport protectedCopy =
        EvaluationReport.computeLongitudinal(
            HALVES[0], null, HALVES[0], null, null, GateSettings.defaults(), 3, 2);
    assertThat(protectedCopy.longitudinal().rules().outOfRange()).isPositive();
    assertThat(protectedCopy.longitudinal().rules().timeNotIncreasing()).isZero();
    assertThat(protectedCopy.scores())
        .containsKeys("timelineDynamics", "timelineStateTransitions", "timelineRuleViolations");
    Map<String, Object> tree = ReportTree.of(protectedCopy);
    @SuppressWarnings("unchecked")
    Map<String, Object> longitudinal = (Map<String, Object>) tree.get("longitudinal");
    assertThat(longitudinal).containsKeys("dynamics", "rules");
    assertThat(HtmlReport.render(protectedCopy))
        .contains("Rules real timelines never break", "State transitions", "not checked");
  }

  @Test
  void copiedPatientsFailTheGate() {
    EvaluationReport r =
        EvaluationReport.computeLongitudinal(
            HALVES[0], HALVES[1], HALVES[0], null, null, GateSettings.defaults(), 3);
    assertThat(r.gate().passed()).isFalse();
    assertThat(r.gate().failures()).extracting(GateCheck::name).contains("patient.copiedTimelines");
    assertThat(r.scores().get("copiedTimelines")).isEqualTo(HALVES[0].patientCount());
  }

  @Test
  void tabularReportsHaveNoTimelineSection() {
    EvaluationReport r =
        EvaluationReport.compute(
            TestTables.patients(200, 1),
            null,
            TestTables.patients(200, 2),
            null,
            null,
            GateSettings.defaults(),
            3);
    assertThat(r.longitudinal()).isNull();
    assertThat(ReportTree.of(r)).doesNotContainKey("longitudinal");
    assertThat(r.scores()).doesNotContainKey("timelineOverall");
  }
}
