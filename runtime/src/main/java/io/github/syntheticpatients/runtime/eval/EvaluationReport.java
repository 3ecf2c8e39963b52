package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one evaluation measured: fidelity (Quality Report, detection), utility (TSTR), privacy and the gate.
 * Build it in memory with {@link #compute}; {@code Evaluation.evaluate} also writes it as JSON and HTML.
 *
 * @param realRows rows of the real training table
 * @param syntheticRows rows of the synthetic table
 * @param holdoutRows rows of the holdout, 0 when none
 * @param seed the seed used
 * @param quality the Quality Report
 * @param detectionAuc cross-validated AUC of a logistic regression telling real from synthetic (0.5 ideal)
 * @param utility TSTR/TRTR, or null when there is no discrete target
 * @param privacy the privacy metrics
 * @param gate the gate's verdict (privacy checks plus the fidelity floor)
 * @param settings the thresholds used
 * @param real the real training table (for the report's charts)
 * @param synthetic the synthetic table (for the report's charts)
 */
public record EvaluationReport(
    int realRows,
    int syntheticRows,
    int holdoutRows,
    long seed,
    QualityReport quality,
    double detectionAuc,
    Utility.Result utility,
    PrivacyReport privacy,
    GateResult gate,
    GateSettings settings,
    Table real,
    Table synthetic) {

  /**
   * Evaluates a synthetic table.
   *
   * @param train the real rows the generator learned from
   * @param holdout real rows it never saw (same columns), or null; without one, utility tests on a seeded 30 % of
   *     {@code train} and the holdout-relative privacy checks are not evaluated
   * @param synthetic the synthetic rows
   * @param target discrete outcome column for TSTR, or null for the schema's target (utility is skipped when neither
   *     is a discrete column)
   * @param sensitiveColumn column for the attribute-disclosure checks, or null
   * @param settings gate thresholds
   * @param seed seed of every subsample and classifier
   */
  public static EvaluationReport compute(
      Table train, Table holdout, Table synthetic, String target, String sensitiveColumn, GateSettings settings, long seed) {
    QualityReport quality = QualityReport.compute(train, synthetic);
    double detection = Detection.auc(train, synthetic, seed);
    String targetName = target != null ? target : train.schema().target();
    Utility.Result utility = null;
    if (targetName != null) {
      int t = train.schema().indexOf(targetName);
      if (t < 0) {
        throw new IllegalArgumentException("Target column '" + targetName + "' is not in the table");
      }
      if (train.schema().columns().get(t).kind().isDiscrete()) {
        Table test = holdout;
        Table fit = train;
        if (holdout == null || holdout.rowCount() == 0) {
          int[] order = TableColumns.permutation(train.rowCount(), seed + 7);
          int testRows = Math.max(1, (int) Math.round(train.rowCount() * 0.3));
          int[] testIdx = java.util.Arrays.copyOfRange(order, 0, testRows);
          int[] fitIdx = java.util.Arrays.copyOfRange(order, testRows, order.length);
          test = train.selectRows(testIdx);
          fit = train.selectRows(fitIdx);
        }
        utility = Utility.tstr(fit, test, synthetic, targetName, seed);
      }
    }
    PrivacyReport privacy = PrivacyGate.report(train, holdout, synthetic, sensitiveColumn, settings, seed);
    List<GateCheck> checks = new ArrayList<>(PrivacyGate.checks(privacy, PrivacyGate.hasContinuous(train), settings));
    checks.add(PrivacyGate.fidelityCheck(quality, settings));
    GateResult gate = new GateResult(PrivacyGate.passed(checks), checks);
    return new EvaluationReport(
        train.rowCount(),
        synthetic.rowCount(),
        holdout == null ? 0 : holdout.rowCount(),
        seed,
        quality,
        detection,
        utility,
        privacy,
        gate,
        settings,
        train,
        synthetic);
  }

  /** Whether every FAIL-level privacy check (G…) passed, ignoring the fidelity floor. */
  public boolean privacyPassed() {
    return gate.checks().stream().filter(c -> c.id().startsWith("G")).noneMatch(c -> !c.passed() && "FAIL".equals(c.level()));
  }

  /** Headline scores by name, as {@code EvaluationResult.scores()} returns them (NaN where not computable). */
  public Map<String, Double> scores() {
    Map<String, Double> s = new TreeMap<>();
    s.put("overall", quality.overall());
    s.put("columnShapes", quality.columnShapes());
    s.put("columnPairTrends", quality.columnPairTrends());
    s.put("columnShapesWithMissing", quality.columnShapesWithMissing());
    s.put("detectionAuc", detectionAuc);
    s.put("detectionScore", Detection.score(detectionAuc));
    if (utility != null) {
      s.put("tstr", utility.tstr());
      s.put("trtr", utility.trtr());
      s.put("tstrRatio", utility.ratio());
    }
    s.put("dcrShare", privacy.dcrShare());
    s.put("dcrOverfittingProtection", privacy.dcrOverfittingProtection());
    s.put("dcrMedian", PrivacyReport.quantile(privacy.dcrSyntheticToTrain(), 0.5));
    s.put("nndrRatio", privacy.nndrRatio());
    s.put("exactMatchShareTrain", privacy.imsTrain());
    s.put("exactMatchShareHoldout", privacy.imsHoldout());
    s.put("copiedTrainingRows", (double) privacy.copiedRows());
    s.put("miaAuc", privacy.miaAuc());
    s.put("miaTprAt1PctFpr", privacy.miaTprAtLowFpr());
    s.put("identifiability", privacy.identifiability());
    if (privacy.sensitiveColumn() != null) {
      s.put("disclosureProtection", privacy.disclosureProtection());
    }
    return s;
  }
}
