package io.github.syntheticpatients.runtime.eval.report;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.fidelity.FidelityMetrics;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineDynamics;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineQuality;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineRules;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.privacy.GateSummary;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyReport;
import io.github.syntheticpatients.runtime.eval.privacy.TimelinePrivacy;
import io.github.syntheticpatients.runtime.eval.stats.EqualWidthBins;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders an {@link EvaluationReport} as one self-contained HTML page: inline CSS and inline SVG,
 * no scripts, no network, readable from disk. The charts are hand-written SVG (grouped bars,
 * histograms, heatmaps): three small chart types did not justify a charting dependency and its
 * AWT/font setup, and plain SVG text renders the same everywhere, so the page is byte-for-byte
 * reproducible.
 *
 * <p>Reports get shared, so they are value-protected like a model file: a histogram spans the real
 * column's {@link ProtectedValues} bounds (the k-th smallest to the k-th largest value), values
 * beyond them count in the end bins, and no axis label is a real minimum or maximum.
 */
public final class HtmlReport {
  private static final String REAL = "#1f77b4";
  private static final String SYNTHETIC = "#ff7f0e";
  private static final String HOLDOUT = "#2ca02c";
  private static final int HIST_BINS = 20;

  /**
   * The page around the report's body (page.html with report.css inlined), split at the body; read
   * once.
   */
  private static final String[] PAGE = page();

  private static final String PAGE_HEAD = PAGE[0];
  private static final String PAGE_TAIL = PAGE[1];

  private HtmlReport() {}

  /** The HTML page, value-protected with the default k ({@link ValueProtection#DEFAULT_K}). */
  public static String render(EvaluationReport r) {
    return render(r, ValueProtection.DEFAULT_K);
  }

  /**
   * The HTML page.
   *
   * @param k value protection: no number shown is held by fewer than k real records (1 turns it
   *     off)
   */
  public static String render(EvaluationReport r, int k) {
    ValueProtection.checkK(k);
    StringBuilder h = new StringBuilder(64 * 1024);
    verdict(h, r);
    scores(h, r);
    if (r.syntheticDomain() != null) {
      domain(h, r.syntheticDomain());
    }
    if (r.longitudinal() != null) {
      timelines(h, r.longitudinal());
    }
    gateTable(h, r);
    columnCharts(h, r, k);
    correlations(h, r);
    distances(h, r);
    columnPairs(h, r);
    return PAGE_HEAD + h + PAGE_TAIL;
  }

  /** Title, sizes and the gate's verdict. */
  private static void verdict(StringBuilder h, EvaluationReport r) {
    h.append("<h1>Synthetic data evaluation</h1>\n");
    h.append("<p>")
        .append(r.realRows())
        .append(" real training rows, ")
        .append(r.syntheticRows())
        .append(" synthetic rows, ")
        .append(r.holdoutRows() > 0 ? r.holdoutRows() + " holdout rows" : "no holdout")
        .append(", seed ")
        .append(r.seed())
        .append(".</p>\n");
    boolean passed = r.gate().passed();
    GateSummary summary = GateSummary.of(r.gate());
    h.append("<div class=\"verdict ")
        .append(passed ? "pass" : "fail")
        .append("\">Gate: ")
        .append(
            passed
                ? "PASSED"
                : "FAILED ("
                    + r.gate().failures().size()
                    + " failed check"
                    + (r.gate().failures().size() == 1 ? "" : "s")
                    + ")")
        .append("</div>\n<p>The verdict is ")
        .append(esc(summary.headline()))
        .append(".");
    if (summary.notEvaluated() > 0) {
      h.append(
          " <span class=\"na\">Not evaluated is not a pass: give a holdout (and a sensitive column) to run"
              + " those checks.</span>");
    }
    h.append("</p>\n<p class=\"detectable\">")
        .append(esc(GateSensitivity.headline(r)))
        .append("</p>\n");
  }

  /** The score cards, each beside what fresh real data scores. */
  private static void scores(StringBuilder h, EvaluationReport r) {
    h.append("<h2>Scores</h2>\n<div class=\"cards\">\n");
    EvaluationReport.FreshReal fresh = r.freshReal();
    card(
        h,
        "Tree detection AUC",
        r.treeDetectionAuc(),
        fresh == null ? Double.NaN : fresh.treeDetectionAuc(),
        "How well a random forest tells real from synthetic rows (cross-validated). 0.5 is ideal; a generator that"
            + " learned no relationship between columns scores near 1.0 here however good its columns look."
            + (TreeDetection.rowsPerSide(r.real(), r.synthetic())
                    < TreeDetection.MIN_ROWS_FOR_SIGNAL
                ? " Fewer than "
                    + TreeDetection.MIN_ROWS_FOR_SIGNAL
                    + " rows a side: this AUC is mostly noise."
                : ""));
    card(
        h,
        "Overall quality",
        r.quality().overall(),
        fresh == null ? Double.NaN : fresh.quality().overall(),
        "0 to 1, higher is better. Mean of column shapes and column pair trends, as in the SDMetrics Quality"
            + " Report.");
    card(
        h,
        "Column shapes",
        r.quality().columnShapes(),
        fresh == null ? Double.NaN : fresh.quality().columnShapes(),
        "How well each column's distribution is reproduced (1 − KS statistic or 1 − total variation).");
    card(
        h,
        "Column pair trends",
        r.quality().columnPairTrends(),
        fresh == null ? Double.NaN : fresh.quality().columnPairTrends(),
        "How well relationships between pairs of columns are reproduced (correlation / contingency similarity).");
    card(
        h,
        "Logistic detection AUC",
        r.detectionAuc(),
        fresh == null ? Double.NaN : fresh.detectionAuc(),
        "How well a logistic regression tells real from synthetic rows. 0.5 is ideal. It sees column shapes, not"
            + " relationships: read it beside the tree detection.");
    if (r.utility() != null) {
      card(
          h,
          "TSTR ratio (" + r.utility().target() + ")",
          r.utility().ratio(),
          fresh == null || fresh.utility() == null ? Double.NaN : fresh.utility().ratio(),
          "A model trained on synthetic data scores "
              + f3(r.utility().tstr())
              + " "
              + r.utility().metric()
              + " on real test rows, against "
              + f3(r.utility().trtr())
              + " when trained on real data. 1.0 means as"
              + " useful as the real data.");
    }
    card(
        h,
        "DCR share",
        r.privacy().dcrShare(),
        "Share of synthetic rows closer to a training row than to a"
            + " fresh real row. About 0.5 is safe; well above 0.5 means training rows are being memorised.");
    card(
        h,
        "Membership attack AUC",
        r.privacy().miaAuc(),
        "How well an attacker tells training patients from"
            + " others by their distance to the synthetic data. 0.5 is safe.");
    card(
        h,
        "Copied training rows",
        r.privacy().copiedRows(),
        "Synthetic rows identical to a training row. Should" + " be 0.");
    h.append("</div>\n");
    if (fresh != null) {
      h.append("<p><small>\"fresh real\": the ")
          .append(fresh.rows())
          .append(
              " holdout rows scored as if they were"
                  + " the synthetic data, the best a generator can score at this size (TSTR: trained on half the holdout,"
                  + " tested on the other half).</small></p>\n");
    }
  }

  /** One row per gate check: value, threshold, fresh real value, rule and advice. */
  private static void gateTable(StringBuilder h, EvaluationReport r) {
    h.append(
            "<h2>Privacy gate</h2>\n<table><tr><th>id</th><th>check</th><th>level</th><th>result</th>")
        .append("<th>value</th><th>threshold (detects above)</th><th>fresh real</th><th>rule</th>")
        .append("<th>what to change</th></tr>\n");
    for (GateCheck c : r.gate().checks()) {
      boolean evaluated = c.evaluated();
      String cls =
          !evaluated ? "na" : c.passed() ? "pass" : "FAIL".equals(c.level()) ? "fail" : "warn";
      String result =
          !evaluated
              ? "not evaluated"
              : c.passed() ? "pass" : "FAIL".equals(c.level()) ? "FAIL" : "warning";
      h.append("<tr><td>")
          .append(esc(c.id()))
          .append("</td><td>")
          .append(esc(c.name()))
          .append("</td><td>")
          .append(esc(c.level()))
          .append("</td><td class=\"")
          .append(cls)
          .append("\"><b>")
          .append(result)
          .append("</b></td><td>")
          .append(f4(c.value()))
          .append("</td><td>")
          .append(f4(c.threshold()))
          .append("</td><td>")
          .append(f4(c.nullValue()))
          .append("</td><td>")
          .append(esc(c.rule()))
          .append("</td><td>")
          .append(esc(GateAdvice.whatToChange(c)))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** Each column's distribution, real beside synthetic. */
  private static void columnCharts(StringBuilder h, EvaluationReport r, int k) {
    h.append("<h2>Columns: real vs synthetic</h2>\n")
        .append("<p class=\"legend\"><span style=\"background:")
        .append(REAL)
        .append("\"></span>real")
        .append("<span style=\"background:")
        .append(SYNTHETIC)
        .append("\"></span>synthetic")
        .append(" &nbsp; Bars are shares of rows; \"∅\" is missing.</p>\n<div class=\"charts\">\n");
    Table real = r.real();
    Table syn = r.synthetic();
    for (QualityReport.ColumnShape shape : r.quality().columns()) {
      int c = real.schema().indexOf(shape.column());
      ColumnSchema column = real.schema().columns().get(c);
      h.append("<div class=\"chart\"><b>")
          .append(esc(column.name()))
          .append("</b> <small>")
          .append(shape.metric())
          .append(" ")
          .append(f3(shape.score()))
          .append(", missing-aware ")
          .append(f3(shape.scoreWithMissing()))
          .append("</small><br>\n");
      if (column.kind().isContinuous()) {
        h.append(histogram(column, real.column(c), syn.column(c), k));
      } else {
        h.append(categoryBars(column, real.column(c), syn.column(c)));
      }
      h.append("</div>\n");
    }
    h.append("</div>\n");
  }

  /** Pearson heatmaps of the continuous columns, real beside synthetic. */
  private static void correlations(StringBuilder h, EvaluationReport r) {
    Table real = r.real();
    Table syn = r.synthetic();
    h.append(
        "<h2>Correlations (Pearson) between continuous columns</h2>\n<div class=\"charts\">\n");
    List<Integer> continuous = new ArrayList<>();
    for (int c : TableColumns.learned(real.schema())) {
      if (TableColumns.column(real, c).kind().isContinuous()) {
        continuous.add(c);
      }
    }
    if (continuous.size() >= 2) {
      h.append("<div class=\"chart\"><b>real</b><br>")
          .append(heatmap(real, continuous))
          .append("</div>\n");
      h.append("<div class=\"chart\"><b>synthetic</b><br>")
          .append(heatmap(syn, continuous))
          .append("</div>\n");
    } else {
      h.append("<p>Fewer than two continuous columns.</p>\n");
    }
    h.append(
        "</div>\n<p>Colour: blue −1, white 0, red +1; grey where undefined (a constant column).</p>\n");
  }

  /** The distance-to-closest-record chart and the privacy numbers. */
  private static void distances(StringBuilder h, EvaluationReport r) {
    // The legend names exactly the curves drawn: without a holdout only synthetic → training is.
    List<DistanceSeries> series = DistanceSeries.of(r.privacy());
    h.append("<h2>Privacy: distance to closest record</h2>\n<p class=\"legend\">");
    for (DistanceSeries s : series) {
      h.append("<span style=\"background:")
          .append(s.colour())
          .append("\"></span>")
          .append(s.label());
    }
    h.append("</p>\n");
    if (series.size() < 3) {
      h.append(
          "<p class=\"na\">No holdout: the synthetic → holdout and holdout → training (natural) curves"
              + " need real rows the generator never saw. Pass them with -Dsynthetic.holdout=&lt;csv&gt;"
              + " (synthetic:train writes its own holdout with"
              + " -Dsynthetic.options=splitDir=&lt;dir&gt;).</p>\n");
    }
    h.append(
        "<p>Distances are Gower distances in [0, 1] (0 = identical row). A synthetic → training curve piled"
            + " up at 0, or left of the holdout → training curve, means memorised rows.</p>\n");
    h.append(distanceChart(r.privacy()));
    h.append("<table><tr><th>metric</th><th>value</th></tr>\n");
    PrivacyReport p = r.privacy();
    row(
        h,
        "DCR synthetic→training q01 / q05 / median",
        f4(PrivacyReport.quantile(p.dcrSyntheticToTrain(), 0.01))
            + " / "
            + f4(PrivacyReport.quantile(p.dcrSyntheticToTrain(), 0.05))
            + " / "
            + f4(PrivacyReport.quantile(p.dcrSyntheticToTrain(), 0.5)));
    row(
        h,
        "DCR holdout→training q01 / q05 / median",
        f4(PrivacyReport.quantile(p.dcrHoldoutToTrain(), 0.01))
            + " / "
            + f4(PrivacyReport.quantile(p.dcrHoldoutToTrain(), 0.05))
            + " / "
            + f4(PrivacyReport.quantile(p.dcrHoldoutToTrain(), 0.5)));
    row(h, "DCR overfitting protection (SDMetrics)", f4(p.dcrOverfittingProtection()));
    row(
        h,
        "NNDR 10th smallest, to training / to holdout",
        f4(p.nndrTrain()) + " / " + f4(p.nndrHoldout()));
    row(
        h,
        "identical-match share, to training / to holdout",
        f4(p.imsTrain()) + " / " + f4(p.imsHoldout()));
    row(h, "share of training rows present in synthetic data", f4(p.commonRowsProportion()));
    row(h, "membership attack TPR at 1% FPR", f4(p.miaTprAtLowFpr()));
    row(
        h,
        "identifiability, synthetic / holdout",
        f4(p.identifiability()) + " / " + f4(p.identifiabilityHoldout()));
    row(
        h,
        "rare combinations reproduced, training / holdout",
        f4(p.rareReproductionTrain()) + " / " + f4(p.rareReproductionHoldout()));
    if (p.sensitiveColumn() != null) {
      row(
          h,
          "disclosure protection of '" + p.sensitiveColumn() + "', synthetic / holdout",
          f4(p.disclosureProtection()) + " / " + f4(p.disclosureProtectionHoldout()));
      row(
          h,
          "leakage accuracy, training / holdout",
          f4(p.leakageAccuracyTrain()) + " / " + f4(p.leakageAccuracyHoldout()));
    }
    h.append(
        "</table>\n<p><small>Metrics follow SDMetrics and synthcity definitions; see report.json for every"
            + " number. Empirical privacy metrics are sanity checks, not a proof of differential privacy.</small></p>\n");
  }

  /**
   * The pairs by score, lowest first, NaN last; ties keep the report's order (a stable sort), so
   * the page stays deterministic.
   */
  static List<QualityReport.ColumnPair> worstFirst(List<QualityReport.ColumnPair> pairs) {
    List<QualityReport.ColumnPair> sorted = new ArrayList<>(pairs);
    sorted.sort(
        Comparator.comparingDouble(
            (QualityReport.ColumnPair p) ->
                Double.isNaN(p.score()) ? Double.POSITIVE_INFINITY : p.score()));
    return sorted;
  }

  /** The pair trend scores with both correlations. */
  private static void columnPairs(StringBuilder h, EvaluationReport r) {
    h.append(
            "<h2>Column pairs</h2>\n<p>Worst first: sorted by score, lowest (the relationship least"
                + " reproduced) at the top; pairs without a score last.</p>\n")
        .append("<table><tr><th>column 1</th><th>column 2</th><th>metric</th><th>score</th>")
        .append("<th>real ρ</th><th>synthetic ρ</th></tr>\n");
    for (QualityReport.ColumnPair pair : worstFirst(r.quality().pairs())) {
      h.append("<tr><td>")
          .append(esc(pair.column1()))
          .append("</td><td>")
          .append(esc(pair.column2()))
          .append("</td><td>")
          .append(pair.metric())
          .append("</td><td>")
          .append(f3(pair.score()))
          .append("</td><td>")
          .append(f3(pair.realCorrelation()))
          .append("</td><td>")
          .append(f3(pair.syntheticCorrelation()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /**
   * The longitudinal section: timeline scores, per-variable details and the patient-level privacy
   * numbers.
   */
  private static void timelines(StringBuilder h, EvaluationReport.Longitudinal l) {
    TimelineQuality q = l.quality();
    TimelinePrivacy p = l.privacy();
    h.append("<h2>Timelines (patients)</h2>\n<p>")
        .append(l.realPatients())
        .append(" real patients, ")
        .append(l.syntheticPatients())
        .append(" synthetic patients, ")
        .append(l.holdoutPatients() > 0 ? l.holdoutPatients() + " holdout patients" : "no holdout")
        .append(
            ". The scores above are computed on visit rows; these on whole patients. Each is 0 to 1, 1 meaning"
                + " identical.</p>\n<div class=\"cards\">\n");
    card(h, "Timeline quality", q.overall(), "Mean of the timeline scores below.");
    card(
        h,
        "Visit values",
        q.visitShapes(),
        "Distributions of the time-varying columns over all visits.");
    card(
        h,
        "Static attributes",
        q.staticShapes(),
        "Distributions of the static columns over patients.");
    card(
        h,
        "Visits per patient",
        q.sequenceLength(),
        "1 − KS statistic of the number of visits per patient.");
    card(
        h, "Visit gaps", q.visitGaps(), "1 − KS statistic of the time between consecutive visits.");
    card(
        h,
        "Lag-1 dependence",
        q.autocorrelation(),
        "How well the dependence of each value on the previous visit's"
            + " is kept (within-patient lag-1 correlation; same-category share for categories).");
    card(
        h,
        "Within-patient trends",
        q.trend(),
        "1 − KS statistic of the per-patient correlations of each value" + " with time.");
    card(
        h,
        "Cross-variable",
        q.crossVariable(),
        "Correlation / contingency similarity between time-varying" + " columns over visits.");
    TimelineDynamics d = l.dynamics();
    card(
        h,
        "Visit times",
        d.visitTimes().score(),
        "First visit times, all visit times and, for a protocol schedule ("
            + d.visitTimes().scheduledTimes()
            + " scheduled times found), the share of visits on each.");
    card(
        h,
        "Per-patient autocorrelation",
        d.patientAutocorrelation().score(),
        "1 − KS statistic of each patient's own lag-1 and lag-2 autocorrelations.");
    card(
        h,
        "State transitions",
        d.stateTransitions().score(),
        "How categories move from one visit to the next (transition matrices, weighted by real"
            + " frequency).");
    card(
        h,
        "Follow-up after last visit",
        d.followUp(),
        "1 − KS statistic of end of follow-up minus last visit (needs the schema's endTime).");
    card(
        h,
        "Rule violations",
        l.rules().total(),
        "Times not increasing, static attributes changing, visits after the end of follow-up,"
            + " values outside the protected real range. Must be 0.");
    card(
        h,
        "Copied timelines",
        p.copiedTimelines(),
        "Synthetic patients whose whole timeline equals a training" + " patient's. Must be 0.");
    card(
        h,
        "Patient DCR share",
        p.summaryReport().dcrShare(),
        "Share of synthetic patients (summarised) closer to"
            + " a training patient than to a holdout patient. About 0.5 is safe.");
    h.append(
            "</div>\n<table><tr><th>time-varying column</th><th>lag-1 metric</th><th>real</th><th>synthetic</th>")
        .append(
            "<th>score</th><th>mean trend real</th><th>mean trend synthetic</th><th>trend score</th></tr>\n");
    for (TimelineQuality.Variable v : q.variables()) {
      h.append("<tr><td>")
          .append(esc(v.column()))
          .append("</td><td>")
          .append(esc(v.autocorrelationMetric()))
          .append("</td><td>")
          .append(f3(v.lag1Real()))
          .append("</td><td>")
          .append(f3(v.lag1Synthetic()))
          .append("</td><td>")
          .append(f3(v.autocorrelation()))
          .append("</td><td>")
          .append(f3(v.trendReal()))
          .append("</td><td>")
          .append(f3(v.trendSynthetic()))
          .append("</td><td>")
          .append(f3(v.trend()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    rules(h, l.rules());
  }

  /** The rule check: one row per rule, then the columns that broke one. */
  private static void rules(StringBuilder h, TimelineRules r) {
    h.append("<h3>Rules real timelines never break</h3>\n<p>")
        .append(r.patientsWithViolations())
        .append(" of ")
        .append(r.patients())
        .append(" synthetic patients break at least one.</p>\n")
        .append("<table><tr><th>rule</th><th>violations</th></tr>\n");
    ruleRow(h, "time strictly increasing within a patient", String.valueOf(r.timeNotIncreasing()));
    ruleRow(h, "static attributes constant within a patient", String.valueOf(r.staticChanged()));
    ruleRow(
        h,
        "no visit after the end of follow-up",
        r.endTimeChecked()
            ? String.valueOf(r.afterEndTime())
            : "not checked (no endTime in the schema)");
    ruleRow(
        h,
        "values inside the real range protected with k = " + r.valueProtectionK(),
        String.valueOf(r.outOfRange()));
    ruleRow(
        h,
        "visit counter and interval end as the visits give them",
        r.visitStructureChecked()
            ? String.valueOf(r.visitStructureBroken())
            : "not checked (no visitCounter or intervalEnd in the schema)");
    h.append("</table>\n");
    if (!r.columns().isEmpty()) {
      h.append(
          "<table><tr><th>column</th><th>static changes</th><th>out of range</th>"
              + "<th>counter or interval end</th></tr>\n");
      for (TimelineRules.Column c : r.columns()) {
        h.append("<tr><td>")
            .append(esc(c.column()))
            .append("</td><td>")
            .append(c.staticChanged())
            .append("</td><td>")
            .append(c.outOfRange())
            .append("</td><td>")
            .append(c.visitStructureBroken())
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
  }

  private static void ruleRow(StringBuilder h, String rule, String count) {
    h.append("<tr><td>")
        .append(esc(rule))
        .append("</td><td>")
        .append(esc(count))
        .append("</td></tr>\n");
  }

  /** The synthetic values outside the real domain, per column that has any. */
  private static void domain(StringBuilder h, SyntheticDomain d) {
    h.append("<h2>Synthetic values outside the real domain</h2>\n");
    if (d.total() == 0) {
      h.append(
          "<p>None: every synthetic value lies within the real range, categories and missingness.</p>\n");
      return;
    }
    h.append(
            "<p>Counted, not refused. Unseen categories are evaluated as missing.</p>\n<table><tr><th>column</th>")
        .append(
            "<th>out of range</th><th>unseen category</th><th>missing where the real data never is</th></tr>\n");
    for (SyntheticDomain.Column c : d.columns()) {
      if (c.outOfRange() + c.unseenCategory() + c.unexpectedMissing() > 0) {
        h.append("<tr><td>")
            .append(esc(c.column()))
            .append("</td><td>")
            .append(share(d, c.outOfRange()))
            .append("</td><td>")
            .append(share(d, c.unseenCategory()))
            .append("</td><td>")
            .append(share(d, c.unexpectedMissing()))
            .append("</td></tr>\n");
      }
    }
    h.append("</table>\n");
  }

  private static String share(SyntheticDomain d, int count) {
    return count == 0
        ? "0"
        : count + " (" + String.format(java.util.Locale.ROOT, "%.1f", 100 * d.rate(count)) + " %)";
  }

  private static String[] page() {
    String page = resource("page.html").replace("{{css}}", resource("report.css"));
    int body = page.indexOf("{{body}}");
    return new String[] {page.substring(0, body), page.substring(body + "{{body}}".length())};
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "Resource " + name + " is missing beside " + HtmlReport.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read resource " + name, e);
    }
  }

  /** A score card with the fresh-real value beside it (NaN: none). */
  private static void card(
      StringBuilder h, String title, double value, double freshReal, String meaning) {
    card(
        h,
        title,
        value,
        (Double.isNaN(freshReal) ? "" : "Fresh real: " + f3(freshReal) + ". ") + meaning);
  }

  private static void card(StringBuilder h, String title, double value, String meaning) {
    h.append("<div class=\"card\"><div>")
        .append(esc(title))
        .append("</div><div class=\"v\">")
        .append(
            Double.isNaN(value)
                ? "n/a"
                : value == Math.rint(value) && Math.abs(value) > 1
                    ? String.valueOf((long) value)
                    : f3(value))
        .append("</div><p>")
        .append(esc(meaning))
        .append("</p></div>\n");
  }

  private static void row(StringBuilder h, String name, String value) {
    h.append("<tr><td>").append(esc(name)).append("</td><td>").append(value).append("</td></tr>\n");
  }

  /**
   * Grouped bars (real, synthetic) of shares per bin over the real column's protected bounds, with
   * a missing bin at the end when either side has one. A column with fewer than k real values gets
   * no edge labels.
   */
  private static String histogram(ColumnSchema column, double[] real, double[] syn, int k) {
    ProtectedValues bounds = ProtectedValues.of(real, k);
    boolean labelled = !bounds.withheld();
    double min = labelled ? bounds.low() : 0;
    double max = labelled ? bounds.high() : 1;
    if (min == max) {
      max = min + 1;
    }
    boolean missing = FidelityMetrics.missingRate(real) > 0 || FidelityMetrics.missingRate(syn) > 0;
    int bins = HIST_BINS + (missing ? 1 : 0);
    double[][] shares = new double[2][bins];
    EqualWidthBins edges = EqualWidthBins.over(min, max, HIST_BINS);
    double[][] data = {real, syn};
    for (int s = 0; s < 2; s++) {
      for (double v : data[s]) {
        // Values beyond the protected bounds count in the end bins.
        int b = Double.isNaN(v) ? HIST_BINS : edges.of(v);
        shares[s][b] += 1.0 / data[s].length;
      }
    }
    String[] labels = new String[bins];
    if (labelled) {
      labels[0] = axisValue(column.kind(), min);
      labels[HIST_BINS - 1] = axisValue(column.kind(), max);
    }
    if (missing) {
      labels[HIST_BINS] = "∅";
    }
    return bars(shares, new String[] {REAL, SYNTHETIC}, labels, 360);
  }

  private static String categoryBars(ColumnSchema column, double[] real, double[] syn) {
    int k = column.categories().size();
    boolean missing = FidelityMetrics.missingRate(real) > 0 || FidelityMetrics.missingRate(syn) > 0;
    int bins = k + (missing ? 1 : 0);
    double[][] shares = new double[2][bins];
    double[][] data = {real, syn};
    for (int s = 0; s < 2; s++) {
      for (double v : data[s]) {
        int b = Double.isNaN(v) || v < 0 || v >= k ? (missing ? k : -1) : (int) v;
        if (b >= 0) {
          shares[s][b] += 1.0 / data[s].length;
        }
      }
    }
    String[] labels = new String[bins];
    for (int i = 0; i < k; i++) {
      labels[i] = column.categories().get(i);
    }
    if (missing) {
      labels[k] = "∅";
    }
    return bars(
        shares,
        new String[] {REAL, SYNTHETIC},
        labels,
        Math.max(220, Math.min(560, 40 + bins * 34)));
  }

  /** Grouped vertical bars; labels may be null to leave a bin unlabelled. */
  private static String bars(double[][] series, String[] colours, String[] labels, int width) {
    int height = 170;
    int left = 34;
    int bottom = 34;
    int plotH = height - bottom - 10;
    int plotW = width - left - 8;
    int bins = labels.length;
    double top = 0;
    for (double[] s : series) {
      for (double v : s) {
        top = Math.max(top, v);
      }
    }
    top = top <= 0 ? 1 : niceCeil(top);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" font-size=\"10\" font-family=\"sans-serif\">");
    for (int t = 0; t <= 2; t++) {
      double v = top * t / 2;
      double y = 10 + plotH - plotH * v / top;
      svg.append("<line x1=\"")
          .append(left)
          .append("\" x2=\"")
          .append(left + plotW)
          .append("\" y1=\"")
          .append(f1(y))
          .append("\" y2=\"")
          .append(f1(y))
          .append("\" stroke=\"#e5e5e5\"/>");
      svg.append("<text x=\"")
          .append(left - 3)
          .append("\" y=\"")
          .append(f1(y + 3))
          .append("\" text-anchor=\"end\">")
          .append(f2(v))
          .append("</text>");
    }
    double slot = (double) plotW / bins;
    double barW = slot * 0.8 / series.length;
    for (int b = 0; b < bins; b++) {
      for (int s = 0; s < series.length; s++) {
        double v = series[s][b];
        double bh = plotH * v / top;
        double x = left + b * slot + slot * 0.1 + s * barW;
        svg.append("<rect x=\"")
            .append(f1(x))
            .append("\" y=\"")
            .append(f1(10 + plotH - bh))
            .append("\" width=\"")
            .append(f1(barW))
            .append("\" height=\"")
            .append(f1(bh))
            .append("\" fill=\"")
            .append(colours[s])
            .append("\"/>");
      }
      if (labels[b] != null) {
        String label = labels[b].length() > 12 ? labels[b].substring(0, 11) + "…" : labels[b];
        // edge labels anchor inwards so long ones (dates) stay inside the chart
        String anchor = bins > 4 && b == 0 ? "start" : bins > 4 && b >= bins - 2 ? "end" : "middle";
        double x =
            anchor.equals("start")
                ? left + b * slot
                : anchor.equals("end") ? left + (b + 1) * slot : left + b * slot + slot / 2;
        svg.append("<text x=\"")
            .append(f1(x))
            .append("\" y=\"")
            .append(height - bottom + 14)
            .append("\" text-anchor=\"")
            .append(anchor)
            .append("\">")
            .append(esc(label))
            .append("</text>");
      }
    }
    svg.append("<line x1=\"")
        .append(left)
        .append("\" x2=\"")
        .append(left + plotW)
        .append("\" y1=\"")
        .append(10 + plotH)
        .append("\" y2=\"")
        .append(10 + plotH)
        .append("\" stroke=\"#888\"/>");
    svg.append("</svg>");
    return svg.toString();
  }

  /**
   * Distances from 0 to the largest one in 30 bins. Not {@link EqualWidthBins}: the bin is {@code v
   * / max * bins}, which rounds differently from {@code v / (max / bins)} at a few edges, and the
   * page must not change.
   */
  private static String distanceChart(PrivacyReport p) {
    List<DistanceSeries> drawn = DistanceSeries.of(p);
    double max = 0;
    for (DistanceSeries s : drawn) {
      for (double v : s.distances()) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    max = max <= 0 ? 1 : max;
    int bins = 30;
    List<double[]> series = new ArrayList<>();
    List<String> used = new ArrayList<>();
    for (DistanceSeries s : drawn) {
      double[] shares = new double[bins];
      for (double v : s.distances()) {
        if (!Double.isNaN(v)) {
          shares[(int) Math.min(bins - 1, Math.floor(v / max * bins))] +=
              1.0 / s.distances().length;
        }
      }
      series.add(shares);
      used.add(s.colour());
    }
    String[] labels = new String[bins];
    labels[0] = "0";
    labels[bins - 1] = f3(max);
    return bars(series.toArray(double[][]::new), used.toArray(String[]::new), labels, 760);
  }

  /** One curve of the distance chart: its legend label, colour and distances. */
  record DistanceSeries(String label, String colour, double[] distances) {
    /** The curves that have data, in drawing order; the legend and the chart both use this. */
    static List<DistanceSeries> of(PrivacyReport p) {
      List<DistanceSeries> series = new ArrayList<>();
      add(series, "synthetic → training", SYNTHETIC, p.dcrSyntheticToTrain());
      add(series, "synthetic → holdout", HOLDOUT, p.dcrSyntheticToHoldout());
      add(series, "holdout → training (natural)", REAL, p.dcrHoldoutToTrain());
      return series;
    }

    private static void add(
        List<DistanceSeries> series, String label, String colour, double[] distances) {
      if (distances != null) {
        series.add(new DistanceSeries(label, colour, distances));
      }
    }
  }

  private static String heatmap(Table table, List<Integer> columns) {
    int k = columns.size();
    int cell = Math.max(18, Math.min(42, 420 / k));
    int left = 90;
    int topMargin = 90;
    int size = left + k * cell + 8;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg width=\"")
        .append(size)
        .append("\" height=\"")
        .append(topMargin + k * cell + 8)
        .append("\" font-size=\"10\" font-family=\"sans-serif\">");
    for (int i = 0; i < k; i++) {
      String name = TableColumns.column(table, columns.get(i)).name();
      String label = name.length() > 14 ? name.substring(0, 13) + "…" : name;
      svg.append("<text x=\"")
          .append(left - 4)
          .append("\" y=\"")
          .append(topMargin + i * cell + cell / 2 + 3)
          .append("\" text-anchor=\"end\">")
          .append(esc(label))
          .append("</text>");
      double tx = left + i * cell + cell / 2.0;
      svg.append("<text transform=\"translate(")
          .append(f1(tx))
          .append(",")
          .append(topMargin - 4)
          .append(") rotate(-60)\">")
          .append(esc(label))
          .append("</text>");
      for (int j = 0; j < k; j++) {
        double rho =
            i == j
                ? 1.0
                : FidelityMetrics.pearson(
                    table.column(columns.get(i)), table.column(columns.get(j)));
        svg.append("<rect x=\"")
            .append(left + j * cell)
            .append("\" y=\"")
            .append(topMargin + i * cell)
            .append("\" width=\"")
            .append(cell)
            .append("\" height=\"")
            .append(cell)
            .append("\" fill=\"")
            .append(colour(rho))
            .append("\" stroke=\"#fff\"><title>")
            .append(f2(rho))
            .append("</title></rect>");
        if (cell >= 26 && !Double.isNaN(rho)) {
          svg.append("<text x=\"")
              .append(left + j * cell + cell / 2)
              .append("\" y=\"")
              .append(topMargin + i * cell + cell / 2 + 3)
              .append("\" text-anchor=\"middle\" font-size=\"9\">")
              .append(f2(rho))
              .append("</text>");
        }
      }
    }
    svg.append("</svg>");
    return svg.toString();
  }

  /** Diverging blue–white–red for −1…1; grey for NaN. */
  private static String colour(double rho) {
    if (Double.isNaN(rho)) {
      return "#cccccc";
    }
    double t = Math.max(-1, Math.min(1, rho));
    int r;
    int g;
    int b;
    if (t >= 0) {
      r = 255;
      g = (int) Math.round(255 - 180 * t);
      b = (int) Math.round(255 - 200 * t);
    } else {
      r = (int) Math.round(255 + 200 * t);
      g = (int) Math.round(255 + 130 * t);
      b = 255;
    }
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  private static String axisValue(ColumnKind kind, double v) {
    if (kind == ColumnKind.DATE) {
      return LocalDate.ofEpochDay((long) Math.floor(v)).toString();
    }
    if (kind == ColumnKind.DATETIME) {
      return Instant.ofEpochSecond((long) Math.floor(v))
          .atOffset(ZoneOffset.UTC)
          .toLocalDate()
          .toString();
    }
    return Math.abs(v) >= 1000 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : f2(v);
  }

  private static double niceCeil(double v) {
    double[] steps = {0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0};
    for (double s : steps) {
      if (v <= s) {
        return s;
      }
    }
    return 1.0;
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f2(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String f4(double v) {
    return Double.isNaN(v)
        ? "—"
        : Double.isInfinite(v) ? (v > 0 ? "∞" : "−∞") : String.format(Locale.ROOT, "%.4f", v);
  }
}
