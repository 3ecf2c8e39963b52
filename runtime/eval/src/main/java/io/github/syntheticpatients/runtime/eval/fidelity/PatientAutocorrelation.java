package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.stats.TreeValues;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Within-patient dynamics of each continuous time-varying column, patient by patient: the lag-1 and
 * lag-2 autocorrelation of every patient's own series ({@link #perPatient}), and how alike the real
 * and synthetic distributions of those per-patient values are (KS complement). Unlike the pooled
 * lag-1 score of {@link TimelineQuality}, a generator cannot match it with a mix of very persistent
 * and very noisy patients whose pooled correlation happens to agree.
 *
 * @param columns one entry per continuous time-varying column and lag, in schema order
 * @param score the mean of the entries' scores that are not NaN; NaN when none is
 */
public record PatientAutocorrelation(List<Column> columns, double score) {

  /** The lags measured. */
  public static final int[] LAGS = {1, 2};

  /**
   * A comparison needs this many patients with a value on each side; below it the KS statistic of a
   * handful of values is noise (as for the trend part of {@link TimelineQuality}).
   */
  public static final int MIN_PATIENTS = TimelineQuality.MIN_TREND_PATIENTS;

  public PatientAutocorrelation {
    columns = List.copyOf(columns);
  }

  /**
   * One column at one lag.
   *
   * @param column the column name
   * @param lag the lag in visits
   * @param realPatients real patients with a value
   * @param syntheticPatients synthetic patients with a value
   * @param realMedian median of the real per-patient values
   * @param syntheticMedian median of the synthetic ones
   * @param score KS complement of the two distributions; NaN with fewer than {@value #MIN_PATIENTS}
   *     real patients, 0 without synthetic ones ({@link TimelineQuality#perPatientScore})
   */
  public record Column(
      String column,
      int lag,
      int realPatients,
      int syntheticPatients,
      double realMedian,
      double syntheticMedian,
      double score) {}

  /** Compares the per-patient autocorrelations of every continuous time-varying column. */
  public static PatientAutocorrelation compute(Timelines real, Timelines synthetic) {
    TableSchema schema = real.schema();
    List<Column> columns = new ArrayList<>();
    for (ColumnSchema column : schema.timeVaryingColumns()) {
      if (!column.kind().isContinuous()) {
        continue;
      }
      int c = schema.indexOf(column.name());
      for (int lag : LAGS) {
        double[] r = perPatient(real, c, lag);
        double[] s = perPatient(synthetic, c, lag);
        double score = TimelineQuality.perPatientScore(r, s, MIN_PATIENTS);
        columns.add(
            new Column(column.name(), lag, r.length, s.length, median(r), median(s), score));
      }
    }
    return new PatientAutocorrelation(
        columns, QualityReport.nanMean(columns.stream().mapToDouble(Column::score).toArray()));
  }

  /**
   * One value per patient: the sample autocorrelation at {@code lag} of the patient's series,
   * {@code r = Σ d_t·d_{t+lag} / Σ d_t²}, with {@code d} the deviations from the patient's mean of
   * present values, the numerator over the visit pairs {@code lag} apart where both are present and
   * the denominator over all present values (the usual estimator, which keeps |r| ≤ 1). Patients
   * with fewer than {@code lag + 2} present values, no such pair or a constant series are left out.
   */
  public static double[] perPatient(Timelines timelines, int column, int lag) {
    double[] x = timelines.visits().column(column);
    List<Double> values = new ArrayList<>();
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
      if (n < lag + 2) {
        continue;
      }
      double mean = sum / n;
      double denominator = 0;
      for (int r = from; r < to; r++) {
        if (!Double.isNaN(x[r])) {
          denominator += (x[r] - mean) * (x[r] - mean);
        }
      }
      double numerator = 0;
      int pairs = 0;
      for (int r = from; r + lag < to; r++) {
        if (!Double.isNaN(x[r]) && !Double.isNaN(x[r + lag])) {
          numerator += (x[r] - mean) * (x[r + lag] - mean);
          pairs++;
        }
      }
      if (pairs > 0 && denominator > 0) {
        values.add(numerator / denominator);
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The scores for {@code report.json} (NaN becomes null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>();
    m.put("score", TreeValues.num(score));
    List<Object> list = new ArrayList<>();
    for (Column c : columns) {
      Map<String, Object> e = new TreeMap<>();
      e.put("column", c.column());
      e.put("lag", c.lag());
      e.put("realPatients", c.realPatients());
      e.put("syntheticPatients", c.syntheticPatients());
      e.put("realMedian", TreeValues.num(c.realMedian()));
      e.put("syntheticMedian", TreeValues.num(c.syntheticMedian()));
      e.put("score", TreeValues.num(c.score()));
      list.add(e);
    }
    m.put("columns", list);
    return m;
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
