package io.github.syntheticpatients.runtime.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.TestTimelines;
import io.github.syntheticpatients.runtime.eval.TimelineFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineQualityTest {
  private static final Timelines REAL = TestTimelines.patients(300, 3, 9, 1);

  @Test
  void identicalTimelinesScoreOneEverywhere() {
    TimelineQuality q = TimelineQuality.compute(REAL, REAL);
    assertThat(
            List.of(
                q.staticShapes(),
                q.visitShapes(),
                q.sequenceLength(),
                q.visitGaps(),
                q.autocorrelation(),
                q.trend(),
                q.crossVariable(),
                q.overall()))
        .allSatisfy(v -> assertThat(v).isEqualTo(1.0));
    assertThat(q.variables())
        .extracting(TimelineQuality.Variable::column)
        .containsExactly("lab", "dose", "state");
    assertThat(q.variables().get(2).autocorrelationMetric()).isEqualTo("sameCategoryShare");
    assertThat(q.staticReport().columns())
        .extracting(QualityReport.ColumnShape::column)
        .containsExactly("sex");
  }

  @Test
  void freshSampleOfTheSameProcessScoresHigh() {
    TimelineQuality q = TimelineQuality.compute(REAL, TestTimelines.patients(300, 3, 9, 2));
    assertThat(q.overall()).isGreaterThan(0.9);
    assertThat(q.autocorrelation()).isGreaterThan(0.95);
    assertThat(q.trend()).isGreaterThan(0.85);
  }

  @Test
  void shuffledVisitOrderDestroysAutocorrelationAndTrend() {
    Timelines shuffled = TestTimelines.shuffledVisits(REAL, 3);
    TimelineQuality q = TimelineQuality.compute(REAL, shuffled);
    // the same values per patient: distributions, lengths and gaps unchanged
    assertThat(q.visitShapes()).isEqualTo(1.0);
    assertThat(q.sequenceLength()).isEqualTo(1.0);
    assertThat(q.visitGaps()).isEqualTo(1.0);
    TimelineQuality.Variable lab = q.variables().get(0);
    assertThat(lab.lag1Real()).isGreaterThan(0.3);
    assertThat(lab.lag1Synthetic()).isLessThan(0.0);
    assertThat(lab.trendReal()).isGreaterThan(0.4);
    assertThat(lab.trendSynthetic()).isCloseTo(0.0, within(0.1));
    assertThat(lab.trend()).isLessThan(0.6);
    assertThat(q.trend()).isLessThan(0.6);
    assertThat(q.autocorrelation()).isLessThan(0.9);
    // state is sticky (90 % kept); shuffling lowers the share of repeats
    assertThat(q.variables().get(2).lag1Synthetic())
        .isLessThan(q.variables().get(2).lag1Real() - 0.03);
  }

  @Test
  void differentLengthsLowerTheLengthScore() {
    TimelineQuality q = TimelineQuality.compute(REAL, TestTimelines.patients(300, 10, 15, 2));
    assertThat(q.sequenceLength()).isEqualTo(0.0);
    TimelineQuality partly = TimelineQuality.compute(REAL, TestTimelines.patients(300, 5, 9, 2));
    assertThat(partly.sequenceLength()).isBetween(0.5, 0.85);
    assertThat(partly.overall())
        .isLessThan(TimelineQuality.compute(REAL, TestTimelines.patients(300, 3, 9, 2)).overall());
  }

  @Test
  void lagOneAutocorrelationOfAKnownSequence() {
    // one patient, values 1 2 3 2 1 (mean 1.8): deviations -0.8 0.2 1.2 0.2 -0.8
    Timelines t =
        TestTimelines.of(
            List.of(row(0, 1), row(1, 2), row(2, 3), row(3, 2), row(4, 1)),
            new int[] {0, 5},
            List.of("a"));
    double[] d = {-0.8, 0.2, 1.2, 0.2, -0.8};
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int k = 0; k < 4; k++) {
      sab += d[k] * d[k + 1];
      saa += d[k] * d[k];
      sbb += d[k + 1] * d[k + 1];
    }
    assertThat(TimelineQuality.lag1Autocorrelation(t, 3))
        .isCloseTo(sab / Math.sqrt(saa * sbb), within(1e-12));
    // trend of 1 2 3 2 1 against days 0..4 is 0
    assertThat(TimelineQuality.withinPatientTrends(t, 3, 2)).containsExactly(0.0);
    assertThat(TimelineQuality.sameCategoryShare(t, 5)).isEqualTo(1.0);
    assertThat(TimelineQuality.visitGaps(t, 2)).containsExactly(1, 1, 1, 1);
  }

  @Test
  void mapHasEveryPartAndPerVariableDetails() {
    Map<String, Object> m =
        TimelineQuality.compute(REAL, TestTimelines.patients(200, 3, 9, 5)).toMap();
    assertThat(m)
        .containsKeys(
            "overall",
            "staticShapes",
            "visitShapes",
            "sequenceLength",
            "visitGaps",
            "autocorrelation",
            "trend",
            "crossVariable",
            "variables",
            "staticColumns",
            "definitions");
    assertThat((List<?>) m.get("variables")).hasSize(3);
  }

  @Test
  void pbcseqHalvesAgreeAndTheIndependentVisitsBaselineDoesNot() {
    Timelines all = TimelineFixtures.load("pbcseq", "id", "day");
    assertThat(all.patientCount()).isEqualTo(312);
    assertThat(all.staticColumns())
        .extracting(c -> c.name())
        .contains("sex", "trt", "age", "futime", "status");
    Timelines[] halves = TimelineFixtures.split(all, 0.5, 42);
    TimelineQuality fresh = TimelineQuality.compute(halves[0], halves[1]);
    TimelineQuality baseline =
        TimelineQuality.compute(
            halves[0], IndependentVisits.sample(halves[0], halves[0].patientCount(), 43));
    assertThat(fresh.overall()).isGreaterThan(0.85);
    assertThat(fresh.autocorrelation()).isGreaterThan(0.9);
    assertThat(baseline.autocorrelation()).isLessThan(fresh.autocorrelation() - 0.1);
    assertThat(baseline.trend()).isLessThan(fresh.trend() - 0.1);
    assertThat(baseline.crossVariable()).isLessThan(fresh.crossVariable() - 0.03);
    assertThat(baseline.overall()).isLessThan(fresh.overall() - 0.02);
  }

  @Test
  void cgdFreshHalfKeepsTheLagOneDependenceThatTheBaselineLoses() {
    Timelines all = TimelineFixtures.load("cgd", "id", "tstart");
    assertThat(all.patientCount()).isEqualTo(128);
    assertThat(all.schema().timeVaryingColumns())
        .extracting(c -> c.name())
        .containsExactly("enum", "tstop", "status");
    Timelines[] halves = TimelineFixtures.split(all, 0.5, 42);
    TimelineQuality fresh = TimelineQuality.compute(halves[0], halves[1]);
    TimelineQuality baseline =
        TimelineQuality.compute(
            halves[0], IndependentVisits.sample(halves[0], halves[0].patientCount(), 43));
    // few patients have 3+ infections: too few trends to compare
    assertThat(fresh.trend()).isNaN();
    assertThat(fresh.overall()).isGreaterThan(0.8);
    assertThat(baseline.autocorrelation()).isLessThan(fresh.autocorrelation() - 0.1);
  }

  @Test
  void aColumnWithARealButNoSyntheticLagOneScoresZeroInsteadOfLeavingTheMean() {
    // Real patients have 3-6 visits; synthetic ones 1-2, too few for a continuous lag-1 (3 values).
    Timelines real = TestTimelines.patients(60, 3, 6, 1);
    Timelines shortOnes = TestTimelines.patients(60, 1, 2, 2);
    TimelineQuality q = TimelineQuality.compute(real, shortOnes);
    TimelineQuality.Variable lab = q.variables().get(0);
    assertThat(lab.column()).isEqualTo("lab");
    assertThat(lab.lag1Real()).isNotNaN();
    assertThat(lab.lag1Synthetic()).isNaN();
    assertThat(lab.autocorrelation()).isZero();
    TimelineQuality.Variable state = q.variables().get(2);
    assertThat(state.autocorrelation()).isBetween(0.0, 1.0);
    // lab and dose count as 0, state as itself: the mean is over all three.
    assertThat(q.autocorrelation()).isCloseTo(state.autocorrelation() / 3, within(1e-12));
    // The other way round there is nothing to compare against: left out.
    TimelineQuality reverse = TimelineQuality.compute(shortOnes, real);
    assertThat(reverse.variables().get(0).autocorrelation()).isNaN();
    assertThat(reverse.autocorrelation()).isEqualTo(reverse.variables().get(2).autocorrelation());
    // Same for the per-patient autocorrelation: 0 where the synthetic side has no patient with a
    // value and the real side has enough.
    PatientAutocorrelation perPatient = PatientAutocorrelation.compute(real, shortOnes);
    assertThat(perPatient.columns()).allSatisfy(c -> assertThat(c.score()).isZero());
    assertThat(PatientAutocorrelation.compute(shortOnes, real).score()).isNaN();
  }

  @Test
  void perPatientPartsNeedEnoughRealValuesAndAnySyntheticOnes() {
    double[] ten = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    assertThat(TimelineQuality.perPatientScore(new double[] {0.5}, ten, 10)).isNaN();
    assertThat(TimelineQuality.perPatientScore(ten, new double[0], 10)).isZero();
    // Two synthetic values, both above every real one but the last: KS 0.9, compared as they are.
    assertThat(TimelineQuality.perPatientScore(ten, new double[] {0.95, 0.97}, 10))
        .isCloseTo(0.1, within(1e-12));
  }

  private static double[] row(double day, double lab) {
    return new double[] {Double.NaN, 0, day, lab, lab, 0};
  }
}
