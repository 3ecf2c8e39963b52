package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.eval.stats.TreeValues;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Fidelity of synthetic patient timelines against real ones. Every part is a similarity in [0, 1],
 * 1 meaning identical, and NaN when it cannot be computed (no such columns, no patients with enough
 * visits):
 *
 * <ul>
 *   <li>{@code staticShapes}: Column Shapes of the {@link QualityReport} over the static columns,
 *       one row per patient (the first visit's values).
 *   <li>{@code visitShapes}: Column Shapes over the time-varying columns, pooled over all visits.
 *   <li>{@code sequenceLength}: KS complement (1 − two-sample Kolmogorov–Smirnov statistic) of the
 *       number of visits per patient.
 *   <li>{@code visitGaps}: KS complement of the time between consecutive visits of a patient,
 *       pooled over patients (in the time column's unit: days for dates, seconds for date-times).
 *   <li>{@code autocorrelation}: mean over the time-varying columns of the lag-1 score: for a
 *       continuous column {@code 1 − |r1_real − r1_syn| / 2} with {@link #lag1Autocorrelation}; for
 *       a discrete one {@code 1 − |s_real − s_syn|} with {@link #sameCategoryShare}. A column whose
 *       real value is undefined (no patient with enough visits) is left out; one whose real value
 *       is defined but whose synthetic one is not (the synthetic patients have too few visits to
 *       show any dependence) scores 0, so it cannot drop out of the mean ({@link #lag1Score}).
 *   <li>{@code trend}: mean over the continuous time-varying columns of the KS complement of the
 *       within-patient trend distributions ({@link #withinPatientTrends}); NaN for a column with
 *       fewer than {@value #MIN_TREND_PATIENTS} real patients with a trend, 0 when the synthetic
 *       side has none ({@link #perPatientScore}).
 *   <li>{@code crossVariable}: the relationships between time-varying columns pooled over visits:
 *       the mean of the {@link QualityReport}'s pair scores over pairs of two continuous columns
 *       (CorrelationSimilarity, 1 − |ρ_real − ρ_syn| / 2 with Pearson's ρ) and pairs of two
 *       discrete columns (ContingencySimilarity). Mixed pairs are left out of this part (they stay
 *       in {@link #visitReport}): SDMetrics bins the continuous side with each table's own ten
 *       equal-width bins, and on heavy-tailed labs one outlier moves every edge, so on pbcseq a
 *       fresh real half scored 0.70–0.73 on mixed pairs where independent per-visit sampling from
 *       the compared half itself scored 0.83–0.87.
 * </ul>
 *
 * {@code overall} is the unweighted mean of the parts that are not NaN.
 *
 * @param staticShapes static columns' distributions over patients
 * @param visitShapes time-varying columns' distributions over visits
 * @param sequenceLength visits-per-patient distribution
 * @param visitGaps visit-gap distribution
 * @param autocorrelation lag-1 dependence within patients
 * @param trend within-patient trend distributions
 * @param crossVariable relationships between time-varying columns over visits
 * @param overall mean of the parts above that are not NaN
 * @param variables per time-varying column details, in schema order
 * @param staticReport the Quality Report over the static columns (one row per patient), or null
 *     without static columns
 * @param visitReport the Quality Report over the time-varying columns (one row per visit), or null
 *     without any
 */
public record TimelineQuality(
    double staticShapes,
    double visitShapes,
    double sequenceLength,
    double visitGaps,
    double autocorrelation,
    double trend,
    double crossVariable,
    double overall,
    List<Variable> variables,
    QualityReport staticReport,
    QualityReport visitReport) {

  /**
   * Patients need at least this many present values of a column to enter its trend and
   * autocorrelation.
   */
  public static final int MIN_VALUES = 3;

  /**
   * A trend comparison needs at least this many patients with a trend on each side; below it the KS
   * statistic of a handful of correlations is noise (on cgd, with 1–3 such patients, a fresh real
   * half scored anywhere in 0.3–0.6).
   */
  public static final int MIN_TREND_PATIENTS = 10;

  public TimelineQuality {
    variables = List.copyOf(variables);
  }

  /**
   * The scores of one time-varying column.
   *
   * @param column the column name
   * @param autocorrelationMetric {@code lag1Correlation} (continuous) or {@code sameCategoryShare}
   *     (discrete)
   * @param lag1Real the real value of that metric
   * @param lag1Synthetic the synthetic value
   * @param autocorrelation its similarity score ({@link #lag1Score}: NaN without a real value, 0
   *     without a synthetic one)
   * @param trendReal mean within-patient trend correlation in the real data (NaN for discrete
   *     columns)
   * @param trendSynthetic the same in the synthetic data
   * @param trend KS complement of the two trend distributions (NaN for discrete columns and too few
   *     real patients, 0 without synthetic ones)
   */
  public record Variable(
      String column,
      String autocorrelationMetric,
      double lag1Real,
      double lag1Synthetic,
      double autocorrelation,
      double trendReal,
      double trendSynthetic,
      double trend) {}

  /**
   * Scores synthetic timelines against real ones.
   *
   * @param real the real patients
   * @param synthetic the synthetic patients, over the same columns
   */
  public static TimelineQuality compute(Timelines real, Timelines synthetic) {
    TableColumns.requireSameColumns(real.visits(), synthetic.visits(), "synthetic timelines");
    TableSchema schema = real.schema();
    List<ColumnSchema> staticColumns = schema.staticColumns();
    List<ColumnSchema> timeVarying = schema.timeVaryingColumns();

    QualityReport staticReport = null;
    if (!staticColumns.isEmpty()) {
      Set<String> names =
          staticColumns.stream().map(ColumnSchema::name).collect(Collectors.toSet());
      staticReport =
          QualityReport.compute(
              project(real.firstVisits(), names), project(synthetic.firstVisits(), names));
    }
    QualityReport visitReport = null;
    if (!timeVarying.isEmpty()) {
      Set<String> names = timeVarying.stream().map(ColumnSchema::name).collect(Collectors.toSet());
      visitReport =
          QualityReport.compute(project(real.visits(), names), project(synthetic.visits(), names));
    }
    double length = FidelityMetrics.ksComplement(visitCounts(real), visitCounts(synthetic));
    int time = schema.indexOf(schema.time());
    double gaps = FidelityMetrics.ksComplement(visitGaps(real, time), visitGaps(synthetic, time));

    List<Variable> variables = new ArrayList<>();
    for (ColumnSchema column : timeVarying) {
      int c = schema.indexOf(column.name());
      if (column.kind().isContinuous()) {
        double r = lag1Autocorrelation(real, c);
        double s = lag1Autocorrelation(synthetic, c);
        double[] trendR = withinPatientTrends(real, c, time);
        double[] trendS = withinPatientTrends(synthetic, c, time);
        variables.add(
            new Variable(
                column.name(),
                "lag1Correlation",
                r,
                s,
                lag1Score(r, s, 1.0 - Math.abs(r - s) / 2.0),
                QualityReport.nanMean(trendR),
                QualityReport.nanMean(trendS),
                perPatientScore(trendR, trendS, MIN_TREND_PATIENTS)));
      } else {
        double r = sameCategoryShare(real, c);
        double s = sameCategoryShare(synthetic, c);
        variables.add(
            new Variable(
                column.name(),
                "sameCategoryShare",
                r,
                s,
                lag1Score(r, s, 1.0 - Math.abs(r - s)),
                Double.NaN,
                Double.NaN,
                Double.NaN));
      }
    }
    double staticShapes = staticReport == null ? Double.NaN : staticReport.columnShapes();
    double visitShapes = visitReport == null ? Double.NaN : visitReport.columnShapes();
    double cross = visitReport == null ? Double.NaN : sameKindPairs(visitReport);
    double auto =
        QualityReport.nanMean(variables.stream().mapToDouble(Variable::autocorrelation).toArray());
    double trend = QualityReport.nanMean(variables.stream().mapToDouble(Variable::trend).toArray());
    double overall =
        QualityReport.nanMean(
            new double[] {staticShapes, visitShapes, length, gaps, auto, trend, cross});
    return new TimelineQuality(
        staticShapes,
        visitShapes,
        length,
        gaps,
        auto,
        trend,
        cross,
        overall,
        variables,
        staticReport,
        visitReport);
  }

  /** The scores as sorted maps and lists for {@code report.json} (NaN becomes null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>();
    m.put("overall", TreeValues.num(overall));
    m.put("staticShapes", TreeValues.num(staticShapes));
    m.put("visitShapes", TreeValues.num(visitShapes));
    m.put("sequenceLength", TreeValues.num(sequenceLength));
    m.put("visitGaps", TreeValues.num(visitGaps));
    m.put("autocorrelation", TreeValues.num(autocorrelation));
    m.put("trend", TreeValues.num(trend));
    m.put("crossVariable", TreeValues.num(crossVariable));
    m.put(
        "definitions",
        new TreeMap<>(
            Map.of(
                "sequenceLength",
                "KS complement of visits per patient",
                "visitGaps",
                "KS complement of the times between consecutive visits, pooled over patients",
                "lag1Correlation",
                "pooled Pearson correlation of consecutive within-patient deviations from the patient's mean"
                    + " (patients with >= "
                    + MIN_VALUES
                    + " values); score 1 - |real - synthetic| / 2, 0 when only the real one is defined",
                "sameCategoryShare",
                "share of consecutive visit pairs with the same category; score 1 - |real - synthetic|,"
                    + " 0 when only the real one is defined",
                "crossVariable",
                "mean CorrelationSimilarity (continuous pairs) and ContingencySimilarity (discrete pairs) of the"
                    + " time-varying columns over visits; mixed pairs left out",
                "trend",
                "KS complement of the per-patient Pearson correlations of the value with time (patients with >= "
                    + MIN_VALUES
                    + " values)")));
    List<Object> vars = new ArrayList<>();
    Map<String, Double> shapes = new TreeMap<>();
    if (visitReport != null) {
      visitReport.columns().forEach(c -> shapes.put(c.column(), c.score()));
    }
    for (Variable v : variables) {
      Map<String, Object> e = new TreeMap<>();
      e.put("column", v.column());
      e.put("shape", TreeValues.num(shapes.getOrDefault(v.column(), Double.NaN)));
      e.put("autocorrelationMetric", v.autocorrelationMetric());
      e.put("lag1Real", TreeValues.num(v.lag1Real()));
      e.put("lag1Synthetic", TreeValues.num(v.lag1Synthetic()));
      e.put("autocorrelation", TreeValues.num(v.autocorrelation()));
      e.put("trendReal", TreeValues.num(v.trendReal()));
      e.put("trendSynthetic", TreeValues.num(v.trendSynthetic()));
      e.put("trend", TreeValues.num(v.trend()));
      vars.add(e);
    }
    m.put("variables", vars);
    List<Object> statics = new ArrayList<>();
    if (staticReport != null) {
      for (QualityReport.ColumnShape c : staticReport.columns()) {
        Map<String, Object> e = new TreeMap<>();
        e.put("column", c.column());
        e.put("metric", c.metric());
        e.put("score", TreeValues.num(c.score()));
        statics.add(e);
      }
    }
    m.put("staticColumns", statics);
    return m;
  }

  /**
   * A column's lag-1 score given its real and synthetic values and their similarity: NaN when the
   * real value is undefined (nothing to compare against), 0 when only the synthetic one is (the
   * synthetic timelines lack the repeat visits that show the real dependence: the worst score, not
   * a silent gap in the mean), else the similarity.
   */
  static double lag1Score(double real, double synthetic, double similarity) {
    if (Double.isNaN(real)) {
      return Double.NaN;
    }
    return Double.isNaN(synthetic) ? 0.0 : similarity;
  }

  /**
   * The KS complement of per-patient values (trends, autocorrelations), given at least {@code
   * minimum} real ones: NaN below that (a handful of real values is no reference); 0 when the
   * synthetic side has none; else the KS complement, however few the synthetic values (noisy, but a
   * generator whose patients rarely have enough visits must not leave the mean: the minimum holds
   * for the reference only).
   */
  static double perPatientScore(double[] real, double[] synthetic, int minimum) {
    if (real.length < minimum) {
      return Double.NaN;
    }
    return synthetic.length == 0 ? 0.0 : FidelityMetrics.ksComplement(real, synthetic);
  }

  /**
   * The lag-1 autocorrelation of a continuous column within patients. For each patient with at
   * least {@value #MIN_VALUES} present values, let {@code d_k = x_k − mean_p} be the deviations
   * from that patient's mean of present values; over all consecutive visit pairs {@code (k, k+1)}
   * of all such patients where both values are present, {@code r1 = Σ d_k·d_{k+1} / √(Σ d_k² · Σ
   * d_{k+1}²)}. Deviations from the patient's own mean keep differences in level between patients
   * from counting as persistence; the estimator is biased low for short sequences (about −1/n),
   * equally for real and synthetic timelines of the same lengths. NaN when no pair qualifies or the
   * deviations are all zero.
   */
  public static double lag1Autocorrelation(Timelines timelines, int column) {
    double[] x = timelines.visits().column(column);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    int pairs = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int from = timelines.firstRow(p);
      int to = from + timelines.visitCount(p);
      double sum = 0;
      int n = 0;
      for (int r = from; r < to; r++) {
        if (!Double.isNaN(x[r])) {
          sum += x[r];
          n++;
        }
      }
      if (n < MIN_VALUES) {
        continue;
      }
      double mean = sum / n;
      for (int r = from; r + 1 < to; r++) {
        if (!Double.isNaN(x[r]) && !Double.isNaN(x[r + 1])) {
          double a = x[r] - mean;
          double b = x[r + 1] - mean;
          sab += a * b;
          saa += a * a;
          sbb += b * b;
          pairs++;
        }
      }
    }
    if (pairs == 0 || saa == 0 || sbb == 0) {
      return Double.NaN;
    }
    return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
  }

  /**
   * The share of consecutive visit pairs of one patient, both present, that carry the same category
   * of a discrete column (the discrete analogue of lag-1 autocorrelation). NaN when no pair has
   * both values.
   */
  public static double sameCategoryShare(Timelines timelines, int column) {
    double[] x = timelines.visits().column(column);
    int same = 0;
    int pairs = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int from = timelines.firstRow(p);
      int to = from + timelines.visitCount(p);
      for (int r = from; r + 1 < to; r++) {
        if (!Double.isNaN(x[r]) && !Double.isNaN(x[r + 1])) {
          pairs++;
          if (x[r] == x[r + 1]) {
            same++;
          }
        }
      }
    }
    return pairs == 0 ? Double.NaN : (double) same / pairs;
  }

  /**
   * One value per patient with at least {@value #MIN_VALUES} present values of the column:
   * Pearson's correlation of the value with the visit time over the visits where it is present.
   * Patients whose values or times are constant have no correlation and are left out.
   */
  public static double[] withinPatientTrends(Timelines timelines, int column, int timeColumn) {
    double[] x = timelines.visits().column(column);
    double[] t = timelines.visits().column(timeColumn);
    List<Double> trends = new ArrayList<>();
    for (int p = 0; p < timelines.patientCount(); p++) {
      int from = timelines.firstRow(p);
      int n = timelines.visitCount(p);
      if (n < MIN_VALUES) {
        continue;
      }
      double[] xs = java.util.Arrays.copyOfRange(x, from, from + n);
      double[] ts = java.util.Arrays.copyOfRange(t, from, from + n);
      int present = 0;
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(xs[i]) && !Double.isNaN(ts[i])) {
          present++;
        }
      }
      if (present < MIN_VALUES) {
        continue;
      }
      double rho = FidelityMetrics.pearson(xs, ts);
      if (!Double.isNaN(rho)) {
        trends.add(rho);
      }
    }
    return trends.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Mean pair score over continuous–continuous and discrete–discrete pairs (see {@code
   * crossVariable}).
   */
  static double sameKindPairs(QualityReport report) {
    Map<String, Boolean> continuous = new TreeMap<>();
    report.columns().forEach(c -> continuous.put(c.column(), "KSComplement".equals(c.metric())));
    return QualityReport.nanMean(
        report.pairs().stream()
            .filter(p -> continuous.get(p.column1()).equals(continuous.get(p.column2())))
            .mapToDouble(QualityReport.ColumnPair::score)
            .toArray());
  }

  /** Visits per patient, as numbers. */
  static double[] visitCounts(Timelines timelines) {
    return java.util.Arrays.stream(timelines.visitCounts()).asDoubleStream().toArray();
  }

  /** The time between consecutive visits of each patient, pooled (missing times skipped). */
  static double[] visitGaps(Timelines timelines, int timeColumn) {
    double[] t = timelines.visits().column(timeColumn);
    double[] gaps =
        new double[Math.max(0, timelines.visits().rowCount() - timelines.patientCount())];
    int g = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int from = timelines.firstRow(p);
      int to = from + timelines.visitCount(p);
      for (int r = from; r + 1 < to; r++) {
        gaps[g++] = t[r + 1] - t[r];
      }
    }
    return gaps;
  }

  /**
   * The same column arrays under a tabular schema in which every column not named is dropped, so
   * the Quality Report looks only at the named ones.
   */
  static Table project(Table table, Set<String> keep) {
    List<ColumnSchema> columns = new ArrayList<>();
    for (ColumnSchema c : table.schema().columns()) {
      boolean kept = keep.contains(c.name()) && c.isLearned();
      columns.add(
          new ColumnSchema(
              c.name(),
              c.kind(),
              c.nullable(),
              c.missingRate(),
              c.categories(),
              c.decimals(),
              !kept,
              false));
    }
    double[][] arrays = new double[columns.size()][];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = table.column(i);
    }
    return new Table(TableSchema.of(columns), arrays);
  }
}
