package io.github.syntheticpatients.runtime.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.GateCases;
import io.github.syntheticpatients.runtime.eval.TestTables;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The gate's error rates pinned on a few splits of a real table (the full measurement is
 * runtime/train's {@code GateBenchmark}).
 */
class GateCalibrationTest {
  private static final Table PBC = EvaluationBenchmark.load("pbc");

  @Test
  void freshRealRowsPassAndCopiesAndNearCopiesFailOnThreeSplitsOfPbc() {
    for (long seed : new long[] {17, 1017, 2017}) {
      Table[] p = GateCases.thirds(PBC, seed);
      for (String kase : new String[] {"fresh", "copy", "nearCopy", "memoriser"}) {
        Table synthetic = GateCases.synthetic(kase, p[0], p[2], seed + 1);
        GateResult gate =
            PrivacyGate.evaluate(p[0], p[1], synthetic, null, GateSettings.defaults(), seed);
        assertThat(gate.passed())
            .as(kase + " on split " + seed + ": " + gate.summary())
            .isEqualTo(kase.equals("fresh"));
      }
    }
  }

  @Test
  void naturalDuplicatesInACoarseTableAreNotCopies() {
    // ages in 5-year steps, no bmi, one visit date: about 200 possible rows, so fresh real rows
    // often equal training
    // rows (the 49,000-row cardiology case of issue 15, where the old "no copies" rule refused a
    // sound model)
    Table[] parts = new Table[3];
    for (int p = 0; p < 3; p++) {
      Table t = TestTables.patients(1500, 40 + p);
      double[][] c = new double[t.columnCount()][];
      for (int k = 0; k < c.length; k++) {
        c[k] = t.column(k).clone();
      }
      for (int i = 0; i < t.rowCount(); i++) {
        c[1][i] = Math.round(c[1][i] / 5) * 5.0;
        c[2][i] = Double.NaN;
        c[5][i] = 18000;
      }
      parts[p] = new Table(t.schema(), c);
    }
    GateResult gate =
        PrivacyGate.evaluate(parts[0], parts[1], parts[2], null, GateSettings.defaults(), 5);
    PrivacyReport r =
        PrivacyGate.report(parts[0], parts[1], parts[2], null, GateSettings.defaults(), 5);
    assertThat(r.holdoutRowsInTrain()).isGreaterThan(1000);
    assertThat(r.copiedRows()).isGreaterThan(1000);
    assertThat(gate.failures()).isEmpty();
  }

  @Test
  void aShuffledMeanDifferenceHasTheExactPermutationPValue() {
    // all ones against all zeros: no permutation reaches the observed excess, so p = 1 / (B + 1)
    double[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
    double[] zeros = {0, 0, 0, 0, 0, 0, 0, 0};
    CalibratedTest.Outcome o = CalibratedTest.meanExcess(ones, zeros, 0.01, 999, 3);
    assertThat(o.observed()).isEqualTo(1.0);
    assertThat(o.pValue()).isEqualTo(1.0 / 1000);
    // identical groups: the observed excess 0 is reached by about half the permutations or more
    CalibratedTest.Outcome same =
        CalibratedTest.meanExcess(
            new double[] {0, 1, 0, 1}, new double[] {1, 0, 1, 0}, 0.01, 999, 3);
    assertThat(same.pValue()).isGreaterThan(0.4);
    assertThat(same.rejects(0.01, 0)).isFalse();
  }

  @Test
  void anAucTestDetectsSeparatedScoresAndIgnoresTies() {
    CalibratedTest.Outcome separated =
        CalibratedTest.aucExcess(
            new double[] {5, 6, 7, 8, 9, 10}, new double[] {0, 1, 2, 3, 4, 4.5}, 0.05, 1999, 1);
    assertThat(separated.observed()).isEqualTo(1.0);
    // C(12, 6) = 924 equally likely labelings, one of them this extreme: p ≈ 1/924 up to
    // permutation noise
    assertThat(separated.pValue()).isLessThan(0.005);
    CalibratedTest.Outcome ties =
        CalibratedTest.aucExcess(new double[] {1, 1, 1}, new double[] {1, 1, 1}, 0.05, 999, 1);
    assertThat(ties.observed()).isEqualTo(0.5);
    assertThat(ties.pValue()).isEqualTo(1.0);
  }

  @Test
  void theCountTestIsTheConditionalBinomial() {
    // 3 events among 100 synthetic rows, none among 100 holdout rows: P(all 3 land in S) = 0.5^3
    CalibratedTest.Outcome o = CalibratedTest.countExcess(3, 100, 0, 100, 0.05);
    assertThat(o.pValue()).isCloseTo(0.125, Offset.offset(1e-12));
    // 0.5^4 = 0.0625 > 0.05 and 0.5^5 = 0.031 <= 0.05: up to 4 such rows pass
    assertThat(o.critical()).isEqualTo(4.0);
    assertThat(o.rejects(0.05, 0)).isFalse();
    assertThat(CalibratedTest.countExcess(5, 100, 0, 100, 0.05).rejects(0.05, 0)).isTrue();
  }

  @Test
  void wilsonIntervalMatchesTheTextbookValue() {
    // 10 of 100: Wilson 95 % interval [0.0552, 0.1744]
    double[] ci = CalibratedTest.wilson(0.10, 100);
    assertThat(ci[0]).isCloseTo(0.0552, Offset.offset(5e-4));
    assertThat(ci[1]).isCloseTo(0.1744, Offset.offset(5e-4));
  }
}
