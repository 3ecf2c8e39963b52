package io.github.syntheticpatients.runtime.eval.report;

import static io.github.syntheticpatients.runtime.eval.stats.TreeValues.num;
import static io.github.syntheticpatients.runtime.eval.stats.TreeValues.sorted;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.eval.fidelity.Detection;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.fidelity.Utility;
import io.github.syntheticpatients.runtime.eval.privacy.GateSummary;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyReport;
import io.github.syntheticpatients.runtime.eval.stats.Classifiers;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine-readable form of an {@link EvaluationReport}: nested sorted maps and lists of plain
 * values, ready for {@code JsonFiles}. Non-finite numbers become null (JSON has no NaN).
 */
public final class ReportTree {
  /** Version of the report layout; bump when keys change meaning. */
  public static final int FORMAT_VERSION = 1;

  private ReportTree() {}

  /** The report as a tree, recording the default value protection k. */
  public static Map<String, Object> of(EvaluationReport r) {
    return of(r, ValueProtection.DEFAULT_K);
  }

  /**
   * The report as a tree. It holds scores and shares only, never a real value; {@code
   * valueProtectionK} records the k the HTML page was protected with.
   */
  public static Map<String, Object> of(EvaluationReport r, int valueProtectionK) {
    Map<String, Object> root = new TreeMap<>();
    root.put("formatVersion", FORMAT_VERSION);
    root.put(ValueProtection.OPTION, ValueProtection.checkK(valueProtectionK));
    root.put("seed", r.seed());
    root.put(
        "rows",
        sorted(
            Map.of(
                "real", r.realRows(), "synthetic", r.syntheticRows(), "holdout", r.holdoutRows())));
    Map<String, Object> scores = new TreeMap<>();
    r.scores().forEach((k, v) -> scores.put(k, num(v)));
    root.put("scores", scores);
    root.put("fidelity", fidelity(r));
    root.put("freshReal", freshReal(r.freshReal()));
    root.put("syntheticDomain", r.syntheticDomain() == null ? null : r.syntheticDomain().toMap());
    root.put("utility", utility(r.utility()));
    root.put("privacy", privacy(r.privacy()));
    if (r.longitudinal() != null) {
      root.put("longitudinal", longitudinal(r.longitudinal()));
    }
    root.put("gate", gate(r));
    return root;
  }

  /** Column shapes, pair trends and both detectors. */
  private static Map<String, Object> fidelity(EvaluationReport r) {
    Map<String, Object> fidelity = new TreeMap<>();
    List<Object> columns = new ArrayList<>();
    for (QualityReport.ColumnShape c : r.quality().columns()) {
      // A TreeMap, not Map.of: a score is null when undefined (a column generated all missing).
      Map<String, Object> m = new TreeMap<>();
      m.put("column", c.column());
      m.put("metric", c.metric());
      m.put("score", num(c.score()));
      m.put("scoreWithMissing", num(c.scoreWithMissing()));
      m.put("missingSimilarity", num(c.missingSimilarity()));
      columns.add(m);
    }
    List<Object> pairs = new ArrayList<>();
    for (QualityReport.ColumnPair p : r.quality().pairs()) {
      Map<String, Object> m = new TreeMap<>();
      m.put("column1", p.column1());
      m.put("column2", p.column2());
      m.put("metric", p.metric());
      m.put("score", num(p.score()));
      m.put("realCorrelation", num(p.realCorrelation()));
      m.put("syntheticCorrelation", num(p.syntheticCorrelation()));
      pairs.add(m);
    }
    fidelity.put("columnShapes", num(r.quality().columnShapes()));
    fidelity.put("columnPairTrends", num(r.quality().columnPairTrends()));
    fidelity.put("columnShapesWithMissing", num(r.quality().columnShapesWithMissing()));
    fidelity.put("overall", num(r.quality().overall()));
    fidelity.put("columns", columns);
    fidelity.put("pairs", pairs);
    fidelity.put("detectionAuc", num(r.detectionAuc()));
    fidelity.put("detectionScore", num(Detection.score(r.detectionAuc())));
    fidelity.put("treeDetection", treeDetection(r));
    return fidelity;
  }

  /** TSTR against TRTR, or null when no discrete target was evaluated. */
  private static Map<String, Object> utility(Utility.Result u) {
    if (u == null) {
      return null;
    }
    Map<String, Object> utility = new TreeMap<>();
    utility.put("target", u.target());
    utility.put("metric", u.metric());
    utility.put("tstr", num(u.tstr()));
    utility.put("trtr", num(u.trtr()));
    utility.put("ratio", num(u.ratio()));
    utility.put("classifier", "Tribuo random forest, " + Classifiers.FOREST_TREES + " CART trees");
    return utility;
  }

  /** Distances, attacks and disclosure, the numbers the gate reads. */
  private static Map<String, Object> privacy(PrivacyReport p) {
    Map<String, Object> privacy = new TreeMap<>();
    privacy.put("queryRows", p.queryRows());
    privacy.put("referenceRows", p.referenceRows());
    privacy.put("hasHoldout", p.hasHoldout());
    privacy.put("dcrSyntheticToTrain", summary(p.dcrSyntheticToTrain()));
    privacy.put("dcrSyntheticToHoldout", summary(p.dcrSyntheticToHoldout()));
    privacy.put("dcrHoldoutToTrain", summary(p.dcrHoldoutToTrain()));
    privacy.put("dcrShare", num(p.dcrShare()));
    privacy.put("dcrOverfittingProtection", num(p.dcrOverfittingProtection()));
    privacy.put("nndrTrain", num(p.nndrTrain()));
    privacy.put("nndrHoldout", num(p.nndrHoldout()));
    privacy.put("nndrRatio", num(p.nndrRatio()));
    privacy.put("exactMatchShareTrain", num(p.imsTrain()));
    privacy.put("exactMatchShareHoldout", num(p.imsHoldout()));
    privacy.put("copiedTrainingRows", p.copiedRows());
    privacy.put("holdoutRowsInTrain", p.holdoutRowsInTrain());
    privacy.put("commonRowsProportion", num(p.commonRowsProportion()));
    privacy.put("minDcrRealToSynthetic", num(p.minDcrRealToSynthetic()));
    privacy.put("miaAuc", num(p.miaAuc()));
    privacy.put("miaTprAt1PctFpr", num(p.miaTprAtLowFpr()));
    privacy.put("sensitiveColumn", p.sensitiveColumn());
    privacy.put("disclosureProtection", num(p.disclosureProtection()));
    privacy.put("disclosureProtectionHoldout", num(p.disclosureProtectionHoldout()));
    privacy.put("leakageAccuracyTrain", num(p.leakageAccuracyTrain()));
    privacy.put("leakageAccuracyHoldout", num(p.leakageAccuracyHoldout()));
    privacy.put("rareReproductionTrain", num(p.rareReproductionTrain()));
    privacy.put("rareReproductionHoldout", num(p.rareReproductionHoldout()));
    privacy.put("identifiability", num(p.identifiability()));
    privacy.put("identifiabilityHoldout", num(p.identifiabilityHoldout()));
    privacy.put("trainingUniqueCopies", p.trainingUniqueCopies());
    privacy.put("membershipAttacks", p.attacksTree());
    privacy.put(
        "distance",
        "Gower (SDMetrics dcr_utils): mean over columns of min(|a-b|/range_T, 1) for"
            + " continuous, 0/1 for discrete, 1 if one side missing, 0 if both");
    return privacy;
  }

  /** Patient counts and the timeline sections. */
  private static Map<String, Object> longitudinal(EvaluationReport.Longitudinal l) {
    Map<String, Object> longitudinal = new TreeMap<>();
    longitudinal.put(
        "patients",
        sorted(
            Map.of(
                "real",
                l.realPatients(),
                "synthetic",
                l.syntheticPatients(),
                "holdout",
                l.holdoutPatients())));
    longitudinal.put("quality", l.quality().toMap());
    longitudinal.put("dynamics", l.dynamics().toMap());
    longitudinal.put("rules", l.rules().toMap());
    longitudinal.put("privacy", l.privacy().toMap());
    return longitudinal;
  }

  /** The verdict, every check and the settings it ran with. */
  private static Map<String, Object> gate(EvaluationReport r) {
    Map<String, Object> gate = new TreeMap<>();
    gate.put("passed", r.gate().passed());
    gate.put("summary", r.gate().summary());
    gate.put("notEvaluated", r.gate().notEvaluated().size());
    List<Object> checks = new ArrayList<>();
    for (GateCheck c : r.gate().checks()) {
      Map<String, Object> m = new TreeMap<>();
      m.put("id", c.id());
      m.put("name", c.name());
      m.put("level", c.level());
      m.put("passed", c.passed());
      m.put("evaluated", c.evaluated());
      m.put("status", c.status());
      m.put("value", num(c.value()));
      m.put("threshold", num(c.threshold()));
      // a calibrated test's threshold is the smallest value it detects at this size, read against
      // the null's centre
      m.put("nullValue", num(c.nullValue()));
      m.put(
          "detectableAbove",
          c.calibrated() && Double.isFinite(c.threshold()) ? c.threshold() : null);
      m.put("rule", c.rule());
      m.put("advice", GateAdvice.whatToChange(c));
      checks.add(m);
    }
    gate.put("checks", checks);
    gate.put("counts", GateSummary.of(r.gate()).toMap());
    gate.put("detectable", GateSensitivity.headline(r));
    Map<String, Object> settings = new TreeMap<>(r.settings().asMap());
    gate.put("settings", settings);
    return gate;
  }

  /**
   * The forest detector: its AUC, how it was measured, and whether the sample is too small to read
   * it.
   */
  private static Map<String, Object> treeDetection(EvaluationReport r) {
    Map<String, Object> m = new TreeMap<>();
    int rows = TreeDetection.rowsPerSide(r.real(), r.synthetic());
    m.put("auc", num(r.treeDetectionAuc()));
    m.put("freshRealAuc", r.freshReal() == null ? null : num(r.freshReal().treeDetectionAuc()));
    m.put("rowsPerSide", rows);
    m.put("noise", rows < TreeDetection.MIN_ROWS_FOR_SIGNAL);
    m.put(
        "classifier",
        "Tribuo random forest, "
            + Classifiers.DETECTION_TREES
            + " CART trees, min leaf "
            + Classifiers.DETECTION_MIN_LEAF
            + ", 5-fold stratified CV on a balanced sample of at most "
            + TreeDetection.MAX_ROWS_PER_SIDE
            + " rows a side");
    return m;
  }

  /** The holdout's own scores against the training data, or null without a holdout. */
  private static Map<String, Object> freshReal(EvaluationReport.FreshReal f) {
    if (f == null) {
      return null;
    }
    Map<String, Object> m = new TreeMap<>();
    m.put("rows", f.rows());
    m.put("overall", num(f.quality().overall()));
    m.put("columnShapes", num(f.quality().columnShapes()));
    m.put("columnPairTrends", num(f.quality().columnPairTrends()));
    m.put("detectionAuc", num(f.detectionAuc()));
    m.put("treeDetectionAuc", num(f.treeDetectionAuc()));
    m.put("tstr", f.utility() == null ? null : num(f.utility().tstr()));
    m.put("tstrRatio", f.utility() == null ? null : num(f.utility().ratio()));
    m.put("timelineOverall", num(f.timelineOverall()));
    m.put(
        "meaning",
        "the holdout scored as if it were the synthetic data: what a perfect generator scores at this"
            + " size (utility: trained on half the holdout, tested on the other half)");
    return m;
  }

  private static Object summary(double[] values) {
    if (values == null) {
      return null;
    }
    Map<String, Object> m = new TreeMap<>();
    m.put("q01", num(PrivacyReport.quantile(values, 0.01)));
    m.put("q05", num(PrivacyReport.quantile(values, 0.05)));
    m.put("median", num(PrivacyReport.quantile(values, 0.5)));
    m.put("mean", num(PrivacyReport.mean(values)));
    m.put("n", values.length);
    return m;
  }
}
