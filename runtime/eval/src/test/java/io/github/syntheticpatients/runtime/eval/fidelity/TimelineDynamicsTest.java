package io.github.syntheticpatients.runtime.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.TestTimelines;
import io.github.syntheticpatients.runtime.eval.TimelineFixtures;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The new timeline metrics on hand-made timelines; every expected value is worked out in the
 * comments.
 */
class TimelineDynamicsTest {
  private static final double NA = Double.NaN;
  private static final int LAB = 3;
  private static final int STATE = 5;

  /** A visit of {@link TestTimelines#SCHEMA}: id, sex, day, lab, dose, state. */
  private static double[] visit(double day, double lab, double state) {
    return new double[] {NA, 0, day, lab, 1, state};
  }

  /** Timelines of {@link TestTimelines#SCHEMA} from one list of visits per patient. */
  private static Timelines patients(List<List<double[]>> patients) {
    List<double[]> rows = new ArrayList<>();
    int[] starts = new int[patients.size() + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < patients.size(); p++) {
      starts[p] = rows.size();
      ids.add("p" + p);
      rows.addAll(patients.get(p));
    }
    starts[patients.size()] = rows.size();
    return TestTimelines.of(rows, starts, ids);
  }

  private static List<double[]> labs(double... values) {
    List<double[]> visits = new ArrayList<>();
    for (int v = 0; v < values.length; v++) {
      visits.add(visit(30 * v, values[v], 0));
    }
    return visits;
  }

  // A: 1 3 2 6, mean 3, d = -2 0 -1 3, Σd² = 14; lag 1: (0 + 0 - 3) / 14; lag 2: (2 + 0) / 14.
  private static final List<double[]> A = labs(1, 3, 2, 6);
  // B: 5 _ 7 9, mean 7, d = -2 _ 0 2, Σd² = 8; lag 1: only the pair (7, 9): 0 / 8; lag 2 needs 4
  // values.
  private static final List<double[]> B = labs(5, NA, 7, 9);

  @Test
  void perPatientAutocorrelationFollowsTheUsualEstimator() {
    Timelines t = patients(List.of(A, B, labs(4, 4, 4), labs(1, 2)));
    assertThat(PatientAutocorrelation.perPatient(t, LAB, 1))
        .containsExactly(new double[] {-3.0 / 14, 0.0}, within(1e-12));
    assertThat(PatientAutocorrelation.perPatient(t, LAB, 2))
        .containsExactly(new double[] {2.0 / 14}, within(1e-12));
  }

  @Test
  void perPatientAutocorrelationScoresTheDistributions() {
    List<List<double[]>> real = new ArrayList<>();
    List<List<double[]>> synthetic = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      real.add(A);
      real.add(B);
      synthetic.add(A);
      synthetic.add(A);
    }
    PatientAutocorrelation p = PatientAutocorrelation.compute(patients(real), patients(synthetic));
    // lab lag 1: real half at -3/14, half at 0; synthetic all at -3/14: KS 0.5.
    // lab lag 2: only A qualifies on both sides, all at 2/14: KS 0.
    // dose is constant within every patient: no values, NaN.
    assertThat(p.columns())
        .extracting(PatientAutocorrelation.Column::column, PatientAutocorrelation.Column::lag)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("lab", 1),
            org.assertj.core.groups.Tuple.tuple("lab", 2),
            org.assertj.core.groups.Tuple.tuple("dose", 1),
            org.assertj.core.groups.Tuple.tuple("dose", 2));
    assertThat(p.columns().get(0).score()).isEqualTo(0.5);
    assertThat(p.columns().get(0).realPatients()).isEqualTo(20);
    assertThat(p.columns().get(0).realMedian()).isCloseTo(-1.5 / 14, within(1e-12));
    assertThat(p.columns().get(1).score()).isEqualTo(1.0);
    assertThat(p.columns().get(2).score()).isNaN();
    assertThat(p.score()).isEqualTo(0.75);
    // below 10 patients a side the comparison is noise and left out
    assertThat(
            PatientAutocorrelation.compute(patients(List.of(A, B)), patients(List.of(A))).score())
        .isNaN();
  }

  @Test
  void stateTransitionsCompareTheRowsWeightedByRealFrequency() {
    double a = 0;
    double b = 1;
    double c = 2;
    Timelines real =
        patients(
            List.of(
                List.of(visit(0, 1, a), visit(1, 1, a), visit(2, 1, b)),
                List.of(visit(0, 1, b), visit(1, 1, b), visit(2, 1, a))));
    Timelines synthetic =
        patients(
            List.of(
                List.of(visit(0, 1, a), visit(1, 1, a), visit(2, 1, a)),
                List.of(visit(0, 1, c), visit(1, 1, NA), visit(2, 1, c))));
    assertThat(StateTransitions.counts(real, STATE))
        .isEqualTo(Map.of(a, Map.of(a, 1, b, 1), b, Map.of(a, 1, b, 1)));
    // real rows: a → (½ a, ½ b), b → (½ a, ½ b), each starting 2 of 4 transitions.
    // synthetic: a → a twice (row a: TV ½); c's pairs are broken by the missing value; no row b
    // (TV 1). Score 1 − (½·½ + ½·1) = 0.25.
    StateTransitions s = StateTransitions.compute(real, synthetic);
    assertThat(s.columns())
        .singleElement()
        .satisfies(
            col -> {
              assertThat(col.column()).isEqualTo("state");
              assertThat(col.realPairs()).isEqualTo(4);
              assertThat(col.syntheticPairs()).isEqualTo(2);
              assertThat(col.score()).isEqualTo(0.25);
            });
    assertThat(StateTransitions.compute(real, real).score()).isEqualTo(1.0);
  }

  @Test
  void aProtocolScheduleIsFoundAndItsSharesCompared() {
    List<Double> real = new ArrayList<>();
    int[][] schedule = {{0, 40}, {1, 32}, {2, 32}, {3, 24}, {6, 24}, {9, 20}, {12, 20}};
    for (int[] timeAndCount : schedule) {
      for (int i = 0; i < timeAndCount[1]; i++) {
        real.add((double) timeAndCount[0]);
      }
    }
    // eight off-schedule visits, each 0.5 % of the 200: below the 1 % a scheduled time needs
    real.addAll(List.of(0.5, 1.5, 2.5, 4.0, 5.0, 7.0, 8.0, 10.0));
    double[] realTimes = real.stream().mapToDouble(Double::doubleValue).toArray();
    VisitSchedule found = VisitSchedule.detect(realTimes);
    assertThat(found.times()).containsExactly(0, 1, 2, 3, 6, 9, 12);
    assertThat(found.coverage()).isEqualTo(192.0 / 200);

    double[] synthetic = new double[200];
    double[] values = {0, 1, 2.5, 12};
    for (int i = 0; i < 200; i++) {
      synthetic[i] = values[i / 50];
    }
    // real shares .20 .16 .16 .12 .12 .10 .10, off .04; synthetic .25 .25 0 0 0 0 .25, off .25;
    // |differences| sum to 1.00, so TV 0.5
    assertThat(found.shares(synthetic))
        .containsExactly(new double[] {.25, .25, 0, 0, 0, 0, .25, .25}, within(1e-12));
    assertThat(found.similarity(realTimes, synthetic)).isCloseTo(0.5, within(1e-12));

    double[] irregular = new double[200];
    for (int i = 0; i < 200; i++) {
      irregular[i] = i;
    }
    assertThat(VisitSchedule.detect(irregular)).isNull();
  }

  @Test
  void visitTimesCompareFirstAndAllTimes() {
    Timelines real =
        patients(
            List.of(
                List.of(visit(0, 1, 0), visit(10, 1, 0)),
                List.of(visit(5, 1, 0), visit(20, 1, 0))));
    Timelines synthetic =
        patients(
            List.of(
                List.of(visit(0, 1, 0), visit(10, 1, 0)),
                List.of(visit(0, 1, 0), visit(30, 1, 0))));
    VisitTimes v = VisitTimes.compute(real, synthetic);
    // first: {0, 5} vs {0, 0}: KS 0.5. all: {0, 5, 10, 20} vs {0, 0, 10, 30}: KS 0.25.
    // the four real times each hold 25 %: a schedule; synthetic shares .5 0 .25 0, off .25: TV 0.5
    assertThat(v.firstTime()).isEqualTo(0.5);
    assertThat(v.allTimes()).isEqualTo(0.75);
    assertThat(v.scheduledTimes()).isEqualTo(4);
    assertThat(v.schedule()).isEqualTo(0.5);
    assertThat(v.score()).isCloseTo((0.5 + 0.75 + 0.5) / 3, within(1e-12));
  }

  // A schema with a declared end of follow-up: id, futime (static), day, lab.
  private static final TableSchema FOLLOW_UP =
      new TableSchema(
              List.of(
                  new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
                  new ColumnSchema(
                      "futime", ColumnKind.INTEGER, false, 0, List.of(), 0, false, true),
                  new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
                  new ColumnSchema("lab", ColumnKind.NUMERIC, false, 0, List.of(), 1, false)),
              null,
              "id",
              "day")
          .withEndTime("futime");

  /** Timelines over {@link #FOLLOW_UP}; each visit is {futime, day, lab}. */
  static Timelines followUp(double[][]... patients) {
    List<double[]> rows = new ArrayList<>();
    int[] starts = new int[patients.length + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < patients.length; p++) {
      starts[p] = rows.size();
      ids.add("p" + p);
      for (double[] v : patients[p]) {
        rows.add(new double[] {NA, v[0], v[1], v[2]});
      }
    }
    starts[patients.length] = rows.size();
    double[][] columns = new double[4][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < 4; c++) {
        columns[c][r] = rows.get(r)[c];
      }
    }
    return new Timelines(new Table(FOLLOW_UP, columns), starts, ids);
  }

  static final Timelines REAL_FOLLOW_UP =
      followUp(
          new double[][] {{150, 0, 1}, {150, 100, 2}},
          new double[][] {{400, 0, 3}, {400, 200, 4}, {400, 300, 5}},
          new double[][] {{500, 0, 6}, {500, 400, 7}});

  static final Timelines SYNTHETIC_FOLLOW_UP =
      followUp(
          new double[][] {{150, 0, 2}, {150, 0, 3}, {150, 160, 6}},
          new double[][] {{400, 0, 1}, {399, 50, 4}},
          new double[][] {{500, 0, 5}, {500, 350, 7}},
          new double[][] {{200, 0, 4}, {200, 100, 4}});

  @Test
  void followUpComparesTheMarginAfterTheLastVisit() {
    // real margins 150-100, 400-300, 500-400 = {50, 100, 100}; synthetic 150-160, 400-50
    // (futime read at the first visit), 500-350, 200-100 = {-10, 350, 150, 100}: KS 0.5 (at 100)
    assertThat(FollowUpLink.margins(SYNTHETIC_FOLLOW_UP)).containsExactly(-10, 350, 150, 100);
    assertThat(FollowUpLink.similarity(REAL_FOLLOW_UP, SYNTHETIC_FOLLOW_UP)).isEqualTo(0.5);
    assertThat(FollowUpLink.similarity(patients(List.of(A)), patients(List.of(B)))).isNaN();
  }

  @Test
  void freshRealPatientsOutscoreIndependentVisitsOnPbcseq() {
    // The baseline keeps every marginal, length and visit time and breaks every dependence over
    // time: the dynamics must see it (over 10 splits: 0.84 vs 0.92, docs/evaluation.md).
    Timelines[] halves =
        TimelineFixtures.split(TimelineFixtures.load("pbcseq", "id", "day"), 0.5, 42);
    Timelines[] quarters = TimelineFixtures.split(halves[1], 0.5, 9);
    TimelineDynamics fresh = TimelineDynamics.compute(halves[0], quarters[0]);
    TimelineDynamics baseline =
        TimelineDynamics.compute(
            halves[0], IndependentVisits.sample(halves[0], halves[0].patientCount(), 7));
    assertThat(fresh.patientAutocorrelation().score())
        .isGreaterThan(baseline.patientAutocorrelation().score() + 0.05);
    assertThat(fresh.stateTransitions().score())
        .isGreaterThan(baseline.stateTransitions().score() + 0.1);
    assertThat(fresh.score()).isGreaterThan(baseline.score());
    // pbcseq's visit days are irregular: no protocol schedule
    assertThat(fresh.visitTimes().scheduledTimes()).isZero();
    assertThat(fresh.visitTimes().schedule()).isNaN();
  }

  @Test
  void dynamicsAverageTheirParts() {
    TimelineDynamics d = TimelineDynamics.compute(REAL_FOLLOW_UP, SYNTHETIC_FOLLOW_UP);
    // first times all 0: 1. All times: real 0 0 0 100 200 300 400, synthetic 0 0 0 0 0 50 100 160
    // 350: KS 8/9 - 4/7 = 20/63 (at 160). Schedule (0 holds 3/7, the others 1/7 each): real
    // 3/7 1/7 1/7 1/7 1/7, off 0; synthetic 5/9 1/9 0 0 0, off 3/9; TV (8 + 2 + 27 + 21) / 126.
    assertThat(d.visitTimes().firstTime()).isEqualTo(1.0);
    assertThat(d.visitTimes().allTimes()).isCloseTo(43.0 / 63, within(1e-12));
    assertThat(d.visitTimes().schedule()).isCloseTo(34.0 / 63, within(1e-12));
    // too few patients for the autocorrelations, no discrete column: only times and follow-up
    assertThat(d.patientAutocorrelation().score()).isNaN();
    assertThat(d.stateTransitions().score()).isNaN();
    assertThat(d.followUp()).isEqualTo(0.5);
    assertThat(d.score()).isCloseTo((140.0 / 189 + 0.5) / 2, within(1e-12));
    assertThat(d.toMap()).containsKeys("score", "visitTimes", "patientAutocorrelation");
  }
}
