package io.github.syntheticpatients.runtime.eval.report;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.fidelity.CodeCooccurrence;
import io.github.syntheticpatients.runtime.eval.fidelity.Detection;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineDynamics;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineQuality;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineRules;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.fidelity.Utility;
import io.github.syntheticpatients.runtime.eval.fidelity.VisitCounters;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyGate;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyReport;
import io.github.syntheticpatients.runtime.eval.privacy.TimelinePrivacy;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one evaluation measured: fidelity (Quality Report, detection), utility (TSTR), privacy
 * and the gate. Build it in memory with {@link #compute}; {@code Evaluation.evaluate} also writes
 * it as JSON and HTML.
 *
 * @param realRows rows of the real training table
 * @param syntheticRows rows of the synthetic table
 * @param holdoutRows rows of the holdout, 0 when none
 * @param seed the seed used
 * @param quality the Quality Report
 * @param detectionAuc cross-validated AUC of a logistic regression telling real from synthetic (0.5
 *     ideal)
 * @param treeDetectionAuc cross-validated AUC of a random forest telling real from synthetic
 *     ({@link TreeDetection}): the headline fidelity figure, which a generator that learned no
 *     relationship between columns cannot pass
 * @param utility TSTR/TRTR, or null when there is no discrete target
 * @param privacy the privacy metrics
 * @param gate the gate's verdict (privacy checks plus the fidelity floor)
 * @param settings the thresholds used
 * @param real the real training table (for the report's charts)
 * @param synthetic the synthetic table (for the report's charts)
 * @param longitudinal the timeline metrics and patient-level privacy of longitudinal data, or null
 *     for tabular data
 * @param freshReal what the holdout itself scores against the training data (the ceiling at this
 *     size), or null without a holdout
 * @param syntheticDomain synthetic values outside the real domain found while reading the file, or
 *     null when the synthetic data came from memory
 */
public record EvaluationReport(
    int realRows,
    int syntheticRows,
    int holdoutRows,
    long seed,
    QualityReport quality,
    double detectionAuc,
    double treeDetectionAuc,
    Utility.Result utility,
    PrivacyReport privacy,
    GateResult gate,
    GateSettings settings,
    Table real,
    Table synthetic,
    Longitudinal longitudinal,
    FreshReal freshReal,
    SyntheticDomain syntheticDomain) {

  /**
   * The scores a real holdout gets when it stands in for the synthetic data: what a perfect
   * generator scores at this size, to read every synthetic score against.
   *
   * @param rows holdout rows (visits for longitudinal data)
   * @param quality the Quality Report of the holdout against the training data
   * @param detectionAuc the logistic detector's AUC on training vs holdout
   * @param treeDetectionAuc the forest detector's AUC on training vs holdout
   * @param utility TSTR with half the holdout as the training set and the other half as the test
   *     set, or null without a discrete target or with fewer than {@link #MIN_UTILITY_ROWS} holdout
   *     rows
   * @param timelineOverall the timeline quality's overall score of the holdout patients, NaN for
   *     tabular data
   */
  public record FreshReal(
      int rows,
      QualityReport quality,
      double detectionAuc,
      double treeDetectionAuc,
      Utility.Result utility,
      double timelineOverall) {
    /** The holdout rows below which its utility is not split in halves. */
    public static final int MIN_UTILITY_ROWS = 20;

    FreshReal withTimelineOverall(double value) {
      return new FreshReal(rows, quality, detectionAuc, treeDetectionAuc, utility, value);
    }
  }

  /**
   * What longitudinal data adds to the row-level (visit) report.
   *
   * @param quality the timeline fidelity scores
   * @param privacy the patient-level privacy checks (G1 whole-timeline copies, G2–G12 on patient
   *     summaries)
   * @param realPatients patients in the real training data
   * @param syntheticPatients synthetic patients
   * @param holdoutPatients holdout patients, 0 when none
   * @param dynamics visit times, per-patient autocorrelation, state transitions and follow-up,
   *     reported beside the quality score
   * @param rules the synthetic timelines' violations of rules real timelines never break
   */
  public record Longitudinal(
      TimelineQuality quality,
      TimelinePrivacy privacy,
      int realPatients,
      int syntheticPatients,
      int holdoutPatients,
      TimelineDynamics dynamics,
      TimelineRules rules) {}

  /**
   * Evaluates synthetic timelines: everything {@link #compute} measures, on the visit rows (row
   * level), plus the timeline scores and the patient-level privacy checks. The gate: the row-level
   * exact-copy checks G2 and G3 (FAIL); the other row-level checks at WARN level only, because
   * visits cluster within patients and the holdout-relative row metrics are then biased; the
   * fidelity floor F1 on the timeline quality's overall score (a warning relative to the holdout);
   * and every patient-level check ({@code patient.…}, {@link TimelinePrivacy}).
   *
   * @param train the real patients the generator learned from
   * @param holdout real patients it never saw, or null
   * @param synthetic the synthetic patients
   * @param target discrete outcome column for TSTR on visit rows, or null for the schema's target
   * @param sensitiveColumn column for the attribute-disclosure checks (a time-varying one is judged
   *     by its last value at patient level), or null
   * @param settings gate thresholds
   * @param seed seed of every subsample and classifier
   */
  public static EvaluationReport computeLongitudinal(
      Timelines train,
      Timelines holdout,
      Timelines synthetic,
      String target,
      String sensitiveColumn,
      GateSettings settings,
      long seed) {
    return computeLongitudinal(
        train,
        holdout,
        synthetic,
        target,
        sensitiveColumn,
        settings,
        seed,
        ValueProtection.DEFAULT_K);
  }

  /**
   * As {@link #computeLongitudinal(Timelines, Timelines, Timelines, String, String, GateSettings,
   * long)}, with the k of value protection that bounds the values in the rule check ({@link
   * TimelineRules}).
   */
  public static EvaluationReport computeLongitudinal(
      Timelines train,
      Timelines holdout,
      Timelines synthetic,
      String target,
      String sensitiveColumn,
      GateSettings settings,
      long seed,
      int valueProtectionK) {
    // A visit counter inferred as categories is scored, charted and compared as a number.
    VisitCounters counters = VisitCounters.find(train);
    train = counters.asNumbers(train);
    holdout = counters.asNumbers(holdout);
    synthetic = counters.asNumbers(synthetic);
    boolean hasHoldout = holdout != null && holdout.patientCount() > 0;
    EvaluationReport rows =
        compute(
            train.visits(),
            hasHoldout ? holdout.visits() : null,
            synthetic.visits(),
            target,
            sensitiveColumn,
            settings,
            seed);
    TimelineQuality quality = TimelineQuality.compute(train, synthetic);
    TimelinePrivacy privacy =
        TimelinePrivacy.evaluate(
            train, hasHoldout ? holdout : null, synthetic, sensitiveColumn, settings, seed);
    List<GateCheck> checks = new ArrayList<>();
    for (GateCheck c : rows.gate().checks()) {
      if (c.id().equals("F1")) {
        checks.add(timelineFidelityCheck(train, hasHoldout ? holdout : null, quality, settings));
      } else if (!PrivacyGate.FAIL.equals(c.level()) || !c.evaluated()) {
        checks.add(c);
      } else {
        // Visits cluster within patients, so the holdout-relative row checks are biased (on pbcseq
        // a fresh real
        // quarter failed the row-level G4 in 6 of 12 splits) and first visits naturally equal real
        // rows; they are
        // reported, and the patient-level checks (G1 and patient.*) decide.
        checks.add(
            new GateCheck(
                c.id(),
                c.name(),
                PrivacyGate.WARN,
                c.passed(),
                c.value(),
                c.threshold(),
                c.rule()
                    + " (visit rows: WARN only for longitudinal data, the patient-level check decides)",
                c.advice(),
                c.nullValue()));
      }
    }
    checks.addAll(privacy.gate().checks());
    return new EvaluationReport(
        rows.realRows(),
        rows.syntheticRows(),
        rows.holdoutRows(),
        seed,
        rows.quality(),
        rows.detectionAuc(),
        rows.treeDetectionAuc(),
        rows.utility(),
        rows.privacy(),
        new GateResult(PrivacyGate.passed(checks), checks),
        settings,
        rows.real(),
        rows.synthetic(),
        new Longitudinal(
            quality,
            privacy,
            train.patientCount(),
            synthetic.patientCount(),
            hasHoldout ? holdout.patientCount() : 0,
            TimelineDynamics.compute(train, synthetic),
            TimelineRules.check(train, synthetic, valueProtectionK)),
        rows.freshReal() == null
            ? null
            : rows.freshReal()
                .withTimelineOverall(TimelineQuality.compute(train, holdout).overall()),
        null);
  }

  /**
   * Evaluates a synthetic table.
   *
   * @param train the real rows the generator learned from
   * @param holdout real rows it never saw (same columns), or null; without one, utility tests on a
   *     seeded 30 % of {@code train} and the holdout-relative privacy checks are not evaluated
   * @param synthetic the synthetic rows
   * @param target discrete outcome column for TSTR, or null for the schema's target (utility is
   *     skipped when neither is a discrete column)
   * @param sensitiveColumn column for the attribute-disclosure checks, or null
   * @param settings gate thresholds
   * @param seed seed of every subsample and classifier
   */
  public static EvaluationReport compute(
      Table train,
      Table holdout,
      Table synthetic,
      String target,
      String sensitiveColumn,
      GateSettings settings,
      long seed) {
    QualityReport quality = QualityReport.compute(train, synthetic);
    double detection = Detection.auc(train, synthetic, seed);
    double treeDetection = TreeDetection.auc(train, synthetic, seed);
    String targetName = target != null ? target : train.schema().target();
    Utility.Result utility = null;
    boolean discreteTarget = false;
    if (targetName != null) {
      int t = train.schema().indexOf(targetName);
      if (t < 0) {
        throw new IllegalArgumentException(
            "Target column '" + targetName + "' is not in the table");
      }
      discreteTarget = train.schema().columns().get(t).kind().isDiscrete();
      if (discreteTarget) {
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
    PrivacyReport privacy =
        PrivacyGate.report(train, holdout, synthetic, sensitiveColumn, settings, seed);
    List<GateCheck> checks =
        new ArrayList<>(PrivacyGate.checks(privacy, PrivacyGate.hasContinuous(train), settings));
    double holdoutOverall =
        holdout == null || holdout.rowCount() == 0
            ? Double.NaN
            : QualityReport.compute(train, holdout).overall();
    checks.add(PrivacyGate.fidelityCheck(quality, holdoutOverall, settings));
    GateResult gate = new GateResult(PrivacyGate.passed(checks), checks);
    return new EvaluationReport(
        train.rowCount(),
        synthetic.rowCount(),
        holdout == null ? 0 : holdout.rowCount(),
        seed,
        quality,
        detection,
        treeDetection,
        utility,
        privacy,
        gate,
        settings,
        train,
        synthetic,
        null,
        holdout == null || holdout.rowCount() < 2
            ? null
            : freshReal(train, holdout, discreteTarget ? targetName : null, seed),
        null);
  }

  /**
   * The holdout scored as if it were the synthetic data (same seeds), its utility on halves of
   * itself.
   */
  private static FreshReal freshReal(Table train, Table holdout, String discreteTarget, long seed) {
    Utility.Result utility = null;
    if (discreteTarget != null && holdout.rowCount() >= FreshReal.MIN_UTILITY_ROWS) {
      int[] order = TableColumns.permutation(holdout.rowCount(), seed + 8);
      int half = holdout.rowCount() / 2;
      Table fit = holdout.selectRows(java.util.Arrays.copyOfRange(order, 0, half));
      Table test = holdout.selectRows(java.util.Arrays.copyOfRange(order, half, order.length));
      utility = Utility.tstr(train, test, fit, discreteTarget, seed);
    }
    return new FreshReal(
        holdout.rowCount(),
        QualityReport.compute(train, holdout),
        Detection.auc(train, holdout, seed),
        TreeDetection.auc(train, holdout, seed),
        utility,
        Double.NaN);
  }

  /** This report with the synthetic values outside the real domain that reading the file found. */
  public EvaluationReport withSyntheticDomain(SyntheticDomain domain) {
    return new EvaluationReport(
        realRows,
        syntheticRows,
        holdoutRows,
        seed,
        quality,
        detectionAuc,
        treeDetectionAuc,
        utility,
        privacy,
        gate,
        settings,
        real,
        synthetic,
        longitudinal,
        freshReal,
        domain);
  }

  /**
   * The fidelity check F1 for timelines, a warning relative to what the holdout patients themselves
   * score against the training patients (a fixed floor refused fresh real data on small tables).
   */
  private static GateCheck timelineFidelityCheck(
      Timelines train, Timelines holdout, TimelineQuality quality, GateSettings settings) {
    double holdoutOverall =
        holdout == null ? Double.NaN : TimelineQuality.compute(train, holdout).overall();
    return PrivacyGate.relativeFidelity(
        "timelineOverall",
        quality.overall(),
        holdoutOverall,
        settings,
        "timeline quality overall score >= the holdout's own score ("
            + String.format(java.util.Locale.ROOT, "%.4f", holdoutOverall)
            + ") - fidelityMargin");
  }

  /**
   * What the gate can detect at this size, in one sentence: the report's "detectable" line, also
   * printed by {@code synthetic:evaluate}.
   */
  public String gateSensitivity() {
    return GateSensitivity.headline(this);
  }

  /** Whether every FAIL-level privacy check (G…) passed, ignoring the fidelity floor. */
  public boolean privacyPassed() {
    return gate.checks().stream()
        .filter(c -> c.id().startsWith("G"))
        .noneMatch(c -> !c.passed() && "FAIL".equals(c.level()));
  }

  /**
   * Headline scores by name, as {@code EvaluationResult.scores()} returns them (NaN where not
   * computable).
   */
  public Map<String, Double> scores() {
    Map<String, Double> s = new TreeMap<>();
    s.put("overall", quality.overall());
    s.put("columnShapes", quality.columnShapes());
    s.put("columnPairTrends", quality.columnPairTrends());
    s.put("columnShapesWithMissing", quality.columnShapesWithMissing());
    s.put("detectionAuc", detectionAuc);
    s.put("detectionScore", Detection.score(detectionAuc));
    s.put("treeDetectionAuc", treeDetectionAuc);
    double codeCooccurrence =
        real == null || synthetic == null ? Double.NaN : CodeCooccurrence.r2(real, synthetic);
    if (!Double.isNaN(codeCooccurrence)) {
      s.put(
          "codeCooccurrenceR2", codeCooccurrence); // only for tables with two or more code columns
    }
    if (freshReal != null) {
      s.put("freshRealOverall", freshReal.quality().overall());
      s.put("freshRealColumnShapes", freshReal.quality().columnShapes());
      s.put("freshRealColumnPairTrends", freshReal.quality().columnPairTrends());
      s.put("freshRealDetectionAuc", freshReal.detectionAuc());
      s.put("freshRealTreeDetectionAuc", freshReal.treeDetectionAuc());
      if (freshReal.utility() != null) {
        s.put("freshRealTstrRatio", freshReal.utility().ratio());
      }
      if (longitudinal != null) {
        s.put("freshRealTimelineOverall", freshReal.timelineOverall());
      }
    }
    if (syntheticDomain != null) {
      s.put("syntheticValuesOutsideDomain", (double) syntheticDomain.total());
    }
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
    if (longitudinal != null) {
      TimelineQuality q = longitudinal.quality();
      s.put("timelineOverall", q.overall());
      s.put("timelineStaticShapes", q.staticShapes());
      s.put("timelineVisitShapes", q.visitShapes());
      s.put("timelineSequenceLength", q.sequenceLength());
      s.put("timelineVisitGaps", q.visitGaps());
      s.put("timelineAutocorrelation", q.autocorrelation());
      s.put("timelineTrend", q.trend());
      s.put("timelineCrossVariable", q.crossVariable());
      s.put("timelineDynamics", longitudinal.dynamics().score());
      s.put("timelineVisitTimes", longitudinal.dynamics().visitTimes().score());
      s.put(
          "timelinePatientAutocorrelation",
          longitudinal.dynamics().patientAutocorrelation().score());
      s.put("timelineStateTransitions", longitudinal.dynamics().stateTransitions().score());
      s.put("timelineFollowUp", longitudinal.dynamics().followUp());
      s.put("timelineRuleViolations", (double) longitudinal.rules().total());
      s.put("copiedTimelines", (double) longitudinal.privacy().copiedTimelines());
      s.put("patientDcrShare", longitudinal.privacy().summaryReport().dcrShare());
      s.put("patientMiaAuc", longitudinal.privacy().summaryReport().miaAuc());
    }
    return s;
  }
}
