package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The budget every DP fitting shares: δ for the records, σ for the target ε, the ledger, and what
 * is told and recorded at the end.
 */
class DpPlanTest {
  @Test
  void aTargetGivesTheSigmaWhosePlannedStepsSpendIt() {
    DpSettings dp = DpSettings.fromOptions(Map.of("dp.epsilon", "3"));
    double rate = DpPlan.samplingRate(32, 210);
    DpPlan plan = DpPlan.of(dp, 210, rate, DpPlan.steps(2, rate));
    // δ = min(1e-5, 210^-1.1); ⌈2 / (32/210)⌉ = 14 steps.
    assertThat(plan.schedule().delta()).isEqualTo(1e-5);
    assertThat(plan.schedule().steps()).isEqualTo(14);
    assertThat(plan.schedule().targetEpsilon()).isEqualTo(3.0);
    assertThat(plan.announce("argn", "records", 32, "steps"))
        .startsWith(
            "DP-SGD for argn: 210 records, sampling rate q = 0.15238 (expected batch 32), 14")
        .endsWith(", target epsilon 3.000");

    plan.ledger().record(rate, plan.schedule().noiseMultiplier(), 14);
    List<String> told = new ArrayList<>();
    Map<String, Object> record =
        plan.finish(listener(told), 14, "steps", 0.25, false, "row", "public: the schema");
    double epsilon = (double) record.get("epsilon");
    assertThat(epsilon).isLessThanOrEqualTo(3.0).isGreaterThan(2.99);
    assertThat(told).hasSize(1);
    assertThat(told.get(0))
        .startsWith(
            String.format(java.util.Locale.ROOT, "DP-SGD: 14 of 14 steps, epsilon = %.4f", epsilon))
        .endsWith("clipped share 0.250");
    assertThat(record.keySet())
        .containsExactly(
            "epsilon",
            "delta",
            "targetEpsilon",
            "accountant",
            "renyiOrder",
            "noiseMultiplier",
            "samplingRate",
            "sampling",
            "steps",
            "plannedSteps",
            "stoppedAtBudget",
            "maxGradNorm",
            "records",
            "unitOfPrivacy",
            "preprocessing");
    assertThat(record)
        .containsEntry("targetEpsilon", 3.0)
        .containsEntry("samplingRate", 32.0 / 210)
        .containsEntry("steps", 14L)
        .containsEntry("records", 210)
        .containsEntry("unitOfPrivacy", "row")
        .containsEntry("preprocessing", "public: the schema");
  }

  @Test
  void aGivenSigmaIsKeptAndItsEpsilonIsTheAccountants() {
    DpSettings dp = DpSettings.fromOptions(Map.of("dp.noiseMultiplier", "1.5", "dp.delta", "1e-5"));
    DpPlan plan = DpPlan.of(dp, 210, 1, 1);
    assertThat(plan.schedule().noiseMultiplier()).isEqualTo(1.5);
    assertThat(plan.announce("argn", "records", 210, "steps")).doesNotContain("target epsilon");
    plan.ledger().record(1, 1.5);
    // By hand: min over dp_accounting's orders of α/4.5 + log((α−1)/α) − (log δ + log α)/(α−1).
    assertThat(plan.spent().epsilon()).isCloseTo(2.98480004524568, within(1e-9));
    assertThat(plan.spent().order()).isEqualTo(7.5);
    Map<String, Object> record =
        plan.finish(listener(new ArrayList<>()), 1, "steps", 0, false, "patient", "declared");
    assertThat(record).containsEntry("targetEpsilon", "none").containsEntry("plannedSteps", 1L);
  }

  @Test
  void theSamplingRateIsAtMostOneAndStepsCoverThePasses() {
    assertThat(DpPlan.samplingRate(64, 40)).isEqualTo(1.0);
    assertThat(DpPlan.samplingRate(16, 64)).isEqualTo(0.25);
    assertThat(DpPlan.steps(3, 0.25)).isEqualTo(12);
    assertThat(DpPlan.steps(2, 0.3)).isEqualTo(7); // 6.67 passes up
  }

  private static TrainingListener listener(List<String> told) {
    return new TrainingListener() {
      @Override
      public void onMessage(String message) {
        told.add(message);
      }
    };
  }
}
