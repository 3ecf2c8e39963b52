package io.github.syntheticpatients.runtime.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.TestTimelines;
import io.github.syntheticpatients.runtime.eval.TimelineFixtures;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentVisits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelinePrivacyTest {
  private static final Timelines ALL = TimelineFixtures.load("pbcseq", "id", "day");
  private static final Timelines[] HALVES = TimelineFixtures.split(ALL, 0.5, 42);
  private static final Timelines TRAIN = HALVES[0];
  private static final Timelines REST = HALVES[1];
  private static final GateSettings DEFAULTS = GateSettings.defaults();

  @Test
  void summariesHaveOneRowPerPatient() {
    Timelines t =
        TestTimelines.of(
            List.of(
                new double[] {Double.NaN, 1, 0, Double.NaN, 1, 0},
                new double[] {Double.NaN, 1, 30, 4, 3, 2},
                new double[] {Double.NaN, 1, 50, 6, 5, 2},
                new double[] {Double.NaN, 0, 7, 1, 1, 1}),
            new int[] {0, 3, 4},
            List.of("a", "b"));
    Table s = PatientSummaries.of(t);
    assertThat(s.rowCount()).isEqualTo(2);
    assertThat(s.schema().columns())
        .extracting(c -> c.name())
        .containsExactly(
            "sex",
            "visits",
            "day.first",
            "day.span",
            "lab.first",
            "lab.last",
            "lab.mean",
            "lab.missing",
            "dose.first",
            "dose.last",
            "dose.mean",
            "dose.missing",
            "state.first",
            "state.last",
            "state.mode",
            "state.missing");
    assertThat(s.column("visits")).containsExactly(3, 1);
    assertThat(s.column("day.first")).containsExactly(0, 7);
    assertThat(s.column("day.span")).containsExactly(50, 0);
    assertThat(s.column("lab.first")).containsExactly(4, 1);
    assertThat(s.column("lab.mean")).containsExactly(5, 1);
    assertThat(s.column("lab.missing")).containsExactly(1 - 2.0 / 3, 0);
    assertThat(s.column("state.mode")).containsExactly(2, 1);
  }

  @Test
  void copyOfTheTrainingPatientsFails() {
    TimelinePrivacy p = TimelinePrivacy.evaluate(TRAIN, REST, TRAIN, null, DEFAULTS, 7);
    assertThat(p.copiedTimelines()).isEqualTo(TRAIN.patientCount());
    assertThat(p.gate().passed()).isFalse();
    assertThat(p.gate().failures()).extracting(GateCheck::id).contains("G1", "G2", "G3", "G4");
    assertThat(p.gate().checks().get(0).name()).isEqualTo("patient.copiedTimelines");
  }

  @Test
  void aFewCopiedTimelinesAmongFreshPatientsFailG1() {
    Timelines[] quarters = TimelineFixtures.split(REST, 0.5, 9);
    Timelines fresh = quarters[0];
    int[] mixed = new int[fresh.patientCount()];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = i;
    }
    // 3 training patients replace 3 fresh ones
    Timelines copies = TRAIN.selectPatients(new int[] {0, 1, 2});
    Timelines leaky =
        concat(fresh.selectPatients(java.util.Arrays.copyOfRange(mixed, 3, mixed.length)), copies);
    TimelinePrivacy p = TimelinePrivacy.evaluate(TRAIN, quarters[1], leaky, null, DEFAULTS, 7);
    assertThat(p.copiedTimelines()).isEqualTo(3);
    assertThat(p.gate().failures()).extracting(GateCheck::id).contains("G1");
  }

  @Test
  void aTimeShiftedCopyIsStillACopy() {
    Timelines t = TestTimelines.patients(20, 3, 5, 1);
    double[][] c = new double[t.visits().columnCount()][];
    for (int k = 0; k < c.length; k++) {
      c[k] = t.visits().column(k).clone();
    }
    for (int r = 0; r < c[2].length; r++) {
      c[2][r] += 365;
    }
    Timelines shifted = new Timelines(new Table(t.schema(), c), starts(t), ids(t));
    assertThat(TimelinePrivacy.copiedTimelines(t, shifted)).isEqualTo(20);
    // one changed lab value makes that patient no copy
    c[3][0] = 99;
    Timelines changed = new Timelines(new Table(t.schema(), c), starts(t), ids(t));
    assertThat(TimelinePrivacy.copiedTimelines(t, changed)).isEqualTo(19);
  }

  @Test
  void freshRealPatientsAndTheBaselinePass() {
    Timelines[] quarters = TimelineFixtures.split(REST, 0.5, 9);
    TimelinePrivacy fresh =
        TimelinePrivacy.evaluate(TRAIN, quarters[1], quarters[0], "stage", DEFAULTS, 7);
    assertThat(fresh.copiedTimelines()).isZero();
    assertThat(fresh.holdoutTimelinesInTrain()).isZero();
    assertThat(fresh.gate().failures()).isEmpty();
    TimelinePrivacy baseline =
        TimelinePrivacy.evaluate(
            TRAIN,
            REST,
            IndependentVisits.sample(TRAIN, TRAIN.patientCount(), 5),
            null,
            DEFAULTS,
            7);
    assertThat(baseline.copiedTimelines()).isZero();
    assertThat(baseline.gate().checks().get(0).passed()).isTrue();
    Map<String, Object> m = fresh.toMap();
    assertThat(m).containsKeys("copiedTimelines", "dcrShare", "miaAuc", "checks", "passed");
    assertThat(m.get("sensitiveColumn")).isEqualTo("stage.last");
  }

  @Test
  void cgdCopiesAreFlaggedAndAFreshHalfHasNone() {
    Timelines[] halves =
        TimelineFixtures.split(TimelineFixtures.load("cgd", "id", "tstart"), 0.5, 42);
    TimelinePrivacy copy =
        TimelinePrivacy.evaluate(halves[0], halves[1], halves[0], null, DEFAULTS, 7);
    assertThat(copy.copiedTimelines()).isEqualTo(halves[0].patientCount());
    assertThat(copy.gate().passed()).isFalse();
    assertThat(TimelinePrivacy.copiedTimelines(halves[0], halves[1])).isZero();
  }

  private static Timelines concat(Timelines a, Timelines b) {
    int[] starts = new int[a.patientCount() + b.patientCount() + 1];
    List<String> ids = new ArrayList<>();
    int rows = a.visits().rowCount() + b.visits().rowCount();
    double[][] c = new double[a.visits().columnCount()][rows];
    for (int k = 0; k < c.length; k++) {
      System.arraycopy(a.visits().column(k), 0, c[k], 0, a.visits().rowCount());
      System.arraycopy(b.visits().column(k), 0, c[k], a.visits().rowCount(), b.visits().rowCount());
    }
    for (int p = 0; p < a.patientCount(); p++) {
      starts[p] = a.firstRow(p);
      ids.add(a.id(p));
    }
    for (int p = 0; p < b.patientCount(); p++) {
      starts[a.patientCount() + p] = a.visits().rowCount() + b.firstRow(p);
      ids.add("copy-" + b.id(p));
    }
    starts[starts.length - 1] = rows;
    return new Timelines(new Table(a.schema(), c), starts, ids);
  }

  private static int[] starts(Timelines t) {
    int[] s = new int[t.patientCount() + 1];
    for (int p = 0; p < t.patientCount(); p++) {
      s[p] = t.firstRow(p);
    }
    s[t.patientCount()] = t.visits().rowCount();
    return s;
  }

  private static List<String> ids(Timelines t) {
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < t.patientCount(); p++) {
      ids.add(t.id(p));
    }
    return ids;
  }
}
