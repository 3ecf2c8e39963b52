package io.github.syntheticpatients.runtime.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.TestTimelines;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.VisitStructure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
            new TimelineRules.Column("futime", 1, 0, 0),
            new TimelineRules.Column("day", 0, 1, 0),
            new TimelineRules.Column("lab", 0, 2, 0));
    assertThat(rules.visitStructureChecked()).isFalse();
    assertThat(rules.toMap()).containsEntry("visitStructureBroken", null);
  }

  // id, day, n (a visit counter from 1), stop (the interval end).
  private static final TableSchema INTERVALS =
      new TableSchema(
              List.of(
                  new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
                  new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
                  new ColumnSchema("n", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
                  new ColumnSchema("stop", ColumnKind.INTEGER, false, 0, List.of(), 0, false)),
              null,
              "id",
              "day")
          .withVisitStructure(new VisitStructure("n", 1, "stop"));

  /** Timelines over {@link #INTERVALS}; each visit is {day, n, stop}. */
  private static Timelines intervals(double[][]... patients) {
    List<double[]> rows = new ArrayList<>();
    int[] starts = new int[patients.length + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < patients.length; p++) {
      starts[p] = rows.size();
      ids.add("p" + p);
      rows.addAll(List.of(patients[p]));
    }
    starts[patients.length] = rows.size();
    double[][] columns = new double[4][rows.size()];
    Arrays.fill(columns[0], Double.NaN);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < 3; c++) {
        columns[c + 1][r] = rows.get(r)[c];
      }
    }
    return new Timelines(new Table(INTERVALS, columns), starts, ids);
  }

  @Test
  void countsVisitsWhoseCounterOrIntervalEndIsNotWhatTheVisitsGive() {
    Timelines real =
        intervals(
            new double[][] {{0, 1, 10}, {10, 2, 30}},
            new double[][] {{0, 1, 5}},
            new double[][] {{3, 1, 9}, {9, 2, 12}});
    // Patient 0: counter 4 on its third visit, stop 21 where the next visit is at 20; patient 1:
    // its only interval stops before it starts; patient 2 is clean although its counter 3 and its
    // stop 40 lie outside the real ranges, which these columns are not held to.
    Timelines synthetic =
        intervals(
            new double[][] {{0, 1, 10}, {10, 2, 21}, {20, 4, 25}},
            new double[][] {{5, 1, 3}},
            new double[][] {{0, 1, 7}, {7, 2, 7.5}, {7.5, 3, 40}});
    TimelineRules rules = TimelineRules.check(real, synthetic, 1);
    assertThat(rules.visitStructureChecked()).isTrue();
    assertThat(rules.visitStructureBroken()).isEqualTo(3);
    assertThat(rules.outOfRange()).isEqualTo(1); // day 20 beyond the real days' [0, 10]
    assertThat(rules.total()).isEqualTo(4);
    assertThat(rules.patientsWithViolations()).isEqualTo(2);
    assertThat(rules.columns())
        .containsExactly(
            new TimelineRules.Column("day", 0, 1, 0),
            new TimelineRules.Column("n", 0, 0, 1),
            new TimelineRules.Column("stop", 0, 0, 2));
    assertThat(rules.toMap()).containsEntry("visitStructureBroken", 3);
    assertThat(TimelineRules.check(real, real, 1).total()).isZero();
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
