package io.github.syntheticpatients.runtime.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.eval.TestTimelines;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineRulesTest {

  @Test
  void countsEachBrokenRule() {
    // Real, k = 2: futime 150 150 400 400 400 500 500 → [150, 500]; day 0 0 0 100 200 300 400 →
    // [0, 300]; lab 1..7 → [2, 6].
    // Synthetic: patient 0 repeats day 0 (time) and visits at 160 after futime 150 (end);
    // patient 1 has lab 1 (range) and futime 399 at its second visit (static); patient 2 has day
    // 350 and lab 7 (range twice); patient 3 is clean.
    TimelineRules rules =
        TimelineRules.check(
            TimelineDynamicsTest.REAL_FOLLOW_UP, TimelineDynamicsTest.SYNTHETIC_FOLLOW_UP, 2);
    assertThat(rules.patients()).isEqualTo(4);
    assertThat(rules.visits()).isEqualTo(9);
    assertThat(rules.timeNotIncreasing()).isEqualTo(1);
    assertThat(rules.afterEndTime()).isEqualTo(1);
    assertThat(rules.staticChanged()).isEqualTo(1);
    assertThat(rules.outOfRange()).isEqualTo(3);
    assertThat(rules.total()).isEqualTo(6);
    assertThat(rules.patientsWithViolations()).isEqualTo(3);
    assertThat(rules.columns())
        .containsExactly(
            new TimelineRules.Column("futime", 1, 0),
            new TimelineRules.Column("day", 0, 1),
            new TimelineRules.Column("lab", 0, 2));
  }

  @Test
  void realTimelinesBreakNoRuleAgainstThemselvesWithoutProtection() {
    TimelineRules rules =
        TimelineRules.check(
            TimelineDynamicsTest.REAL_FOLLOW_UP, TimelineDynamicsTest.REAL_FOLLOW_UP, 1);
    assertThat(rules.total()).isZero();
    assertThat(rules.toMap()).containsEntry("violations", 0).containsEntry("afterEndTime", 0);
  }

  @Test
  void withoutEndTimeThatRuleIsNotChecked() {
    var t = TestTimelines.patients(20, 2, 4, 5);
    TimelineRules rules = TimelineRules.check(t, t, 1);
    assertThat(rules.endTimeChecked()).isFalse();
    assertThat(rules.total()).isZero();
    Map<String, Object> map = rules.toMap();
    assertThat(map).containsEntry("afterEndTime", null);
  }
}
