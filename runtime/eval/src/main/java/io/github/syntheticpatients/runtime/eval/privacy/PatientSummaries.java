package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per patient, so the row-level privacy metrics ({@link PrivacyMetrics}, {@link
 * PrivacyGate}) measure patients rather than visits: a synthetic patient close to a training
 * patient in every summary is a near copy of that patient, however its visits are split.
 *
 * <p>Columns, in this order (a tabular schema):
 *
 * <ul>
 *   <li>every static column, as it is (its first visit's value);
 *   <li>{@code visits}: the number of visits (INTEGER; {@code _visits} if the data has a {@code
 *       visits} column);
 *   <li>{@code <time>.first}: the first visit's time (the time column's kind) and {@code
 *       <time>.span}: last minus first visit time (NUMERIC, in the time column's unit);
 *   <li>per time-varying column {@code v}: {@code v.first} and {@code v.last}, the first and last
 *       present value (the column's kind; missing when never measured); {@code v.mean} (continuous:
 *       mean of the present values, NUMERIC) or {@code v.mode} (discrete: most frequent present
 *       category, the lowest index on ties); {@code v.missing}, the share of visits where it is
 *       missing (NUMERIC).
 * </ul>
 */
public final class PatientSummaries {
  /** Name of the visit-count column. */
  public static final String VISITS = "visits";

  private PatientSummaries() {}

  /** The summary table of the given patients. */
  public static Table of(Timelines timelines) {
    TableSchema schema = timelines.schema();
    int patients = timelines.patientCount();
    Table visits = timelines.visits();
    List<ColumnSchema> columns = new ArrayList<>();
    List<double[]> arrays = new ArrayList<>();

    for (ColumnSchema c : schema.staticColumns()) {
      double[] values = new double[patients];
      double[] source = visits.column(schema.indexOf(c.name()));
      for (int p = 0; p < patients; p++) {
        values[p] = source[timelines.firstRow(p)];
      }
      columns.add(c.withStaticAttribute(false));
      arrays.add(values);
    }

    double[] count = new double[patients];
    for (int p = 0; p < patients; p++) {
      count[p] = timelines.visitCount(p);
    }
    // a data column may already be called "visits"
    String visitsName = VISITS;
    while (schema.indexOf(visitsName) >= 0) {
      visitsName = "_" + visitsName;
    }
    columns.add(new ColumnSchema(visitsName, ColumnKind.INTEGER, false, 0, List.of(), 0, false));
    arrays.add(count);

    ColumnSchema timeColumn = schema.column(schema.time()).orElseThrow();
    double[] time = visits.column(schema.indexOf(schema.time()));
    double[] first = new double[patients];
    double[] span = new double[patients];
    for (int p = 0; p < patients; p++) {
      int from = timelines.firstRow(p);
      int last = from + timelines.visitCount(p) - 1;
      first[p] = time[from];
      span[p] = time[last] - time[from];
    }
    columns.add(renamed(timeColumn, ".first", timeColumn.kind(), true));
    arrays.add(first);
    columns.add(renamed(timeColumn, ".span", ColumnKind.NUMERIC, true));
    arrays.add(span);

    for (ColumnSchema c : schema.timeVaryingColumns()) {
      double[] x = visits.column(schema.indexOf(c.name()));
      double[] firstValue = new double[patients];
      double[] lastValue = new double[patients];
      double[] central = new double[patients];
      double[] missing = new double[patients];
      for (int p = 0; p < patients; p++) {
        int from = timelines.firstRow(p);
        int to = from + timelines.visitCount(p);
        firstValue[p] = Double.NaN;
        lastValue[p] = Double.NaN;
        int present = 0;
        for (int r = from; r < to; r++) {
          if (!Double.isNaN(x[r])) {
            if (present == 0) {
              firstValue[p] = x[r];
            }
            lastValue[p] = x[r];
            present++;
          }
        }
        missing[p] = 1.0 - (double) present / (to - from);
        central[p] =
            c.kind().isContinuous() ? mean(x, from, to) : mode(x, from, to, c.categories().size());
      }
      columns.add(renamed(c, ".first", c.kind(), true));
      arrays.add(firstValue);
      columns.add(renamed(c, ".last", c.kind(), true));
      arrays.add(lastValue);
      if (c.kind().isContinuous()) {
        columns.add(renamed(c, ".mean", ColumnKind.NUMERIC, true));
      } else {
        columns.add(renamed(c, ".mode", c.kind(), true));
      }
      arrays.add(central);
      columns.add(
          new ColumnSchema(
              c.name() + ".missing", ColumnKind.NUMERIC, false, 0, List.of(), 4, false));
      arrays.add(missing);
    }
    return new Table(TableSchema.of(columns), arrays.toArray(new double[0][]));
  }

  private static ColumnSchema renamed(
      ColumnSchema c, String suffix, ColumnKind kind, boolean nullable) {
    return new ColumnSchema(
        c.name() + suffix,
        kind,
        nullable,
        0,
        kind.isDiscrete() ? c.categories() : List.of(),
        c.decimals(),
        false);
  }

  private static double mean(double[] x, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int r = from; r < to; r++) {
      if (!Double.isNaN(x[r])) {
        sum += x[r];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static double mode(double[] x, int from, int to, int categories) {
    int[] counts = new int[categories];
    for (int r = from; r < to; r++) {
      if (!Double.isNaN(x[r])) {
        counts[(int) x[r]]++;
      }
    }
    int best = -1;
    for (int k = 0; k < categories; k++) {
      if (counts[k] > 0 && (best < 0 || counts[k] > counts[best])) {
        best = k;
      }
    }
    return best < 0 ? Double.NaN : best;
  }
}
