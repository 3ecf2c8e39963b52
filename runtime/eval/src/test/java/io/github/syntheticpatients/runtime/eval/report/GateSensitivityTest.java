package io.github.syntheticpatients.runtime.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyReport;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * "What this size can detect" on small fixed data: the limits the reports state are checked against
 * critical values computed here from first principles (the exact Mann-Whitney null of an AUC
 * without ties, the binomial null of a count), not by the permutation code under test.
 */
class GateSensitivityTest {
  private static final TableSchema SCHEMA =
      new TableSchema(
          List.of(
              new ColumnSchema("x", ColumnKind.NUMERIC, false, 0, List.of(), 1, false),
              new ColumnSchema("y", ColumnKind.NUMERIC, false, 0, List.of(), 1, false)),
          null,
          null,
          null);
  private static final GateSettings SETTINGS = GateSettings.defaults();

  /** Continuous draws from one distribution: no ties, no natural duplicates. */
  private static Table rows(int n, long seed) {
    Random random = new Random(seed);
    double[][] c = new double[2][n];
    for (int i = 0; i < n; i++) {
      c[0][i] = random.nextGaussian();
      c[1][i] = c[0][i] + random.nextGaussian();
    }
    return new Table(SCHEMA, c);
  }

  @Test
  void reportsStateTheSmallestEffectEachCalibratedCheckDetectsAtThisSize() {
    EvaluationReport r =
        EvaluationReport.compute(rows(60, 1), rows(60, 2), rows(60, 3), null, null, SETTINGS, 7);
    // six FAIL-level tests without a sensitive column (G2, G3, G4, G7 twice, G10): Bonferroni
    double alpha = SETTINGS.get("familyAlpha") / 6;
    Map<String, Map<?, ?>> checks = checks(r);

    PrivacyReport p = r.privacy();
    double dcr =
        exactAucCritical(p.dcrSyntheticToTrain().length, p.dcrHoldoutToTrain().length, alpha);
    double mia =
        exactAucCritical(
            p.distanceAttack().members().length, p.distanceAttack().nonMembers().length, alpha);
    double domias =
        exactAucCritical(
            p.densityAttack().members().length, p.densityAttack().nonMembers().length, alpha);
    // 1999 random permutations estimate the exact quantile to within a few steps of 1/(m n)
    assertThat(number(checks.get("dcrCloser"), "detectableAbove"))
        .isCloseTo(Math.max(dcr, 0.5 + SETTINGS.get("dcrMinEffect")), within(0.02));
    assertThat(number(checks.get("miaAuc"), "detectableAbove"))
        .isCloseTo(Math.max(mia, 0.5 + SETTINGS.get("miaMinEffect")), within(0.02));
    assertThat(number(checks.get("domiasAuc"), "detectableAbove"))
        .isCloseTo(Math.max(domias, 0.5 + SETTINGS.get("miaMinEffect")), within(0.02));
    assertThat(dcr).as("60 rows a side cannot see a small effect").isBetween(0.6, 0.7);
    assertThat(domias).as("DOMIAS uses half the holdout as reference").isGreaterThan(mia);
    for (String auc : List.of("dcrCloser", "miaAuc", "domiasAuc")) {
      assertThat(number(checks.get(auc), "nullValue")).isEqualTo(0.5);
    }

    // G3: no holdout row copies a training row, so k synthetic copies pass while P(all k land in S)
    // > alpha,
    // P = (|S| / (|S| + |H|))^k: the largest passing k is the critical count
    double share = (double) p.syntheticRows() / (p.syntheticRows() + p.holdoutRowsCompared());
    int passing = (int) Math.floor(Math.log(alpha) / Math.log(share));
    assertThat(number(checks.get("copiedTrainingRows"), "detectableAbove")).isEqualTo(passing);
    assertThat(passing).isEqualTo(6);

    // checks that are not calibrated tests state no limit
    assertThat(checks.get("nndrRatio").get("detectableAbove")).isNull();

    String headline = (String) ((Map<?, ?>) ReportTree.of(r).get("gate")).get("detectable");
    assertThat(headline)
        .startsWith("At " + p.holdoutRowsCompared() + " holdout rows the gate detects")
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "domiasAuc above %.3f (fresh real 0.500)",
                number(checks.get("domiasAuc"), "detectableAbove")))
        .contains("copiedTrainingRows above 6 (fresh real 0)")
        .contains("Not evaluated: G9 attributeLeakageExcess");
    assertThat(HtmlReport.render(r)).contains(headline);
    assertThat((String) checks.get("attributeLeakageExcess").get("rule"))
        .startsWith("not evaluated: no sensitive column declared: name one");
  }

  @Test
  void withoutHoldoutTheReportSaysWhatInputWouldEvaluateTheChecks() {
    EvaluationReport r =
        EvaluationReport.compute(rows(60, 1), null, rows(60, 3), null, null, SETTINGS, 7);
    String headline = (String) ((Map<?, ?>) ReportTree.of(r).get("gate")).get("detectable");
    assertThat(headline)
        .startsWith("No check was calibrated on fresh real data")
        .contains("pass a holdout")
        .contains("G4 dcrCloser")
        .contains("G7 domiasAuc");
    assertThat(checks(r).get("dcrCloser").get("detectableAbove")).isNull();
  }

  private static Map<String, Map<?, ?>> checks(EvaluationReport r) {
    Map<String, Map<?, ?>> byName = new java.util.HashMap<>();
    for (Object o : (List<?>) ((Map<?, ?>) ReportTree.of(r).get("gate")).get("checks")) {
      Map<?, ?> m = (Map<?, ?>) o;
      byName.put((String) m.get("name"), m);
    }
    return byName;
  }

  private static double number(Map<?, ?> check, String key) {
    return ((Number) check.get(key)).doubleValue();
  }

  /**
   * The smallest AUC = U / (m n) with P(U ≥ u) ≤ alpha under the exact null of the Mann-Whitney U
   * without ties: the number of orderings of m a-scores and n b-scores with U = u, by the recursion
   * on whether the largest score is an a (it beats all n b-scores) or a b.
   */
  static double exactAucCritical(int m, int n, double alpha) {
    int max = m * n;
    // count[j][u]: orderings of i a-scores and j b-scores with U = u, for the current i
    double[][] count = new double[n + 1][max + 1];
    for (int j = 0; j <= n; j++) {
      count[j][0] = 1;
    }
    for (int i = 1; i <= m; i++) {
      double[][] next = new double[n + 1][max + 1];
      next[0][0] = 1;
      for (int j = 1; j <= n; j++) {
        for (int u = 0; u <= max; u++) {
          next[j][u] = next[j - 1][u] + (u >= j ? count[j][u - j] : 0);
        }
      }
      count = next;
    }
    double total = 0;
    for (double c : count[n]) {
      total += c;
    }
    double tail = 0;
    for (int u = max; u >= 0; u--) {
      if ((tail + count[n][u]) / total > alpha) {
        return (u + 1.0) / max;
      }
      tail += count[n][u];
    }
    return 0;
  }
}
