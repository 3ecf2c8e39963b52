package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.stats.TreeValues;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.schema.VisitStructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rules that real timelines never break, counted in a set of synthetic timelines (a generator
 * should break none, every time):
 *
 * <ul>
 *   <li>{@code timeNotIncreasing}: visits whose time is missing or not after the patient's previous
 *       visit's time;
 *   <li>{@code staticChanged}: visits where a static attribute differs from the patient's first
 *       visit (missing equals missing);
 *   <li>{@code afterEndTime}: visits after the patient's end of follow-up (the schema's {@code
 *       endTime}; not checked without it);
 *   <li>{@code outOfRange}: continuous values (static, time-varying, the time itself) outside the
 *       real column's protected range, from its k-th smallest to its k-th largest value ({@link
 *       ProtectedValues}), which is all a value-protected model may produce. The visit counter and
 *       the interval end are left out: their values follow from the visits (the rules below);
 *   <li>{@code visitStructureBroken} (only when the real schema names a visit counter or an
 *       interval end, {@link VisitStructure}): visits whose counter is not the visit's position
 *       plus the counter's start, or whose interval end is not the next visit's time (on a
 *       patient's last visit: missing or before the visit's time); a visit counts once per column.
 * </ul>
 *
 * Synthetic CSVs read by the runtime's timeline reader are already sorted by time within a patient
 * and refused when a static column changes, so there the first two rules can only catch equal
 * times; on sampled timelines held in memory they see everything.
 *
 * @param patients synthetic patients checked
 * @param visits synthetic visits checked
 * @param timeNotIncreasing visits breaking the time order
 * @param staticChanged visits with a changed static attribute (a visit counts once per column)
 * @param afterEndTime visits after the end of follow-up
 * @param outOfRange values outside the protected range
 * @param visitStructureBroken visits breaking the visit counter or the interval end
 * @param patientsWithViolations patients with at least one violation
 * @param columns per column with a violation: its static changes and values out of range
 * @param endTimeChecked whether the schema names an end of follow-up
 * @param valueProtectionK the k of the protected ranges
 * @param visitStructureChecked whether the schema names a visit counter or an interval end
 */
public record TimelineRules(
    int patients,
    int visits,
    int timeNotIncreasing,
    int staticChanged,
    int afterEndTime,
    int outOfRange,
    int visitStructureBroken,
    int patientsWithViolations,
    List<Column> columns,
    boolean endTimeChecked,
    int valueProtectionK,
    boolean visitStructureChecked) {

  public TimelineRules {
    columns = List.copyOf(columns);
  }

  /**
   * One column's violations.
   *
   * @param column the column name
   * @param staticChanged visits where this static column differs from the patient's first visit
   * @param outOfRange values outside the real protected range
   * @param visitStructureBroken visits where this counter or interval end is not what the visits
   *     give
   */
  public record Column(
      String column, int staticChanged, int outOfRange, int visitStructureBroken) {}

  /** All violations together. */
  public int total() {
    return timeNotIncreasing + staticChanged + afterEndTime + outOfRange + visitStructureBroken;
  }

  /**
   * Counts the violations in synthetic timelines.
   *
   * @param real the real patients, whose protected ranges bound the values
   * @param synthetic the timelines checked, over the same schema
   * @param valueProtectionK k of the protected ranges (see {@link ValueProtection})
   */
  public static TimelineRules check(Timelines real, Timelines synthetic, int valueProtectionK) {
    ValueProtection.checkK(valueProtectionK);
    TableSchema schema = real.schema();
    int n = synthetic.patientCount();
    boolean[] violating = new boolean[n];
    int time = schema.indexOf(schema.time());
    double[] t = synthetic.visits().column(time);

    int timeNotIncreasing = 0;
    for (int p = 0; p < n; p++) {
      int from = synthetic.firstRow(p);
      int to = from + synthetic.visitCount(p);
      for (int r = from; r < to; r++) {
        if (Double.isNaN(t[r]) || (r > from && !(t[r] > t[r - 1]))) {
          timeNotIncreasing++;
          violating[p] = true;
        }
      }
    }

    int afterEndTime = 0;
    if (schema.endTime() != null) {
      double[] end = synthetic.visits().column(schema.indexOf(schema.endTime()));
      for (int p = 0; p < n; p++) {
        int from = synthetic.firstRow(p);
        for (int r = from; r < from + synthetic.visitCount(p); r++) {
          if (t[r] > end[from]) {
            afterEndTime++;
            violating[p] = true;
          }
        }
      }
    }

    List<Column> columns = new ArrayList<>();
    int staticChanged = 0;
    int outOfRange = 0;
    int structureBroken = 0;
    VisitStructure structure = schema.visitStructure();
    for (ColumnSchema column : schema.learnedColumns()) {
      int c = schema.indexOf(column.name());
      double[] x = synthetic.visits().column(c);
      int changed = column.staticAttribute() ? staticChanges(synthetic, x, violating) : 0;
      int outside = 0;
      int broken = 0;
      if (column.name().equals(structure.counter())) {
        broken = counterBroken(synthetic, x, structure, violating);
      } else if (column.name().equals(structure.intervalEnd())) {
        broken = intervalEndBroken(synthetic, x, t, violating);
      } else if (column.kind().isContinuous()) {
        outside =
            outOfRange(
                synthetic,
                x,
                ProtectedValues.of(real.visits().column(c), valueProtectionK),
                violating);
      }
      if (changed + outside + broken > 0) {
        columns.add(new Column(column.name(), changed, outside, broken));
      }
      staticChanged += changed;
      outOfRange += outside;
      structureBroken += broken;
    }
    int patientsWithViolations = 0;
    for (boolean v : violating) {
      patientsWithViolations += v ? 1 : 0;
    }
    return new TimelineRules(
        n,
        synthetic.visits().rowCount(),
        timeNotIncreasing,
        staticChanged,
        afterEndTime,
        outOfRange,
        structureBroken,
        patientsWithViolations,
        columns,
        schema.endTime() != null,
        valueProtectionK,
        !structure.isEmpty());
  }

  /** Visits whose counter is not the visit's position plus the counter's start. */
  private static int counterBroken(
      Timelines synthetic, double[] x, VisitStructure structure, boolean[] violating) {
    int broken = 0;
    for (int p = 0; p < synthetic.patientCount(); p++) {
      int from = synthetic.firstRow(p);
      for (int v = 0; v < synthetic.visitCount(p); v++) {
        if (x[from + v] != structure.counterValue(v)) {
          broken++;
          violating[p] = true;
        }
      }
    }
    return broken;
  }

  /**
   * Visits whose interval end is not the next visit's time (on the last: not at or after its own).
   */
  private static int intervalEndBroken(
      Timelines synthetic, double[] x, double[] t, boolean[] violating) {
    int broken = 0;
    for (int p = 0; p < synthetic.patientCount(); p++) {
      int from = synthetic.firstRow(p);
      int last = from + synthetic.visitCount(p) - 1;
      for (int r = from; r <= last; r++) {
        if (!VisitStructure.holdsAt(x[r], t[r], r < last ? t[r + 1] : Double.NaN)) {
          broken++;
          violating[p] = true;
        }
      }
    }
    return broken;
  }

  private static int staticChanges(Timelines synthetic, double[] x, boolean[] violating) {
    int changed = 0;
    for (int p = 0; p < synthetic.patientCount(); p++) {
      int from = synthetic.firstRow(p);
      for (int r = from + 1; r < from + synthetic.visitCount(p); r++) {
        boolean same = Double.isNaN(x[r]) ? Double.isNaN(x[from]) : x[r] == x[from];
        if (!same) {
          changed++;
          violating[p] = true;
        }
      }
    }
    return changed;
  }

  /**
   * Present values below the protected low bound or above the high one; none when the real column
   * is withheld (too few values to protect: generated as missing).
   */
  private static int outOfRange(
      Timelines synthetic, double[] x, ProtectedValues bounds, boolean[] violating) {
    if (bounds.withheld() || bounds.count() == 0) {
      return 0;
    }
    double low = bounds.low();
    double high = bounds.high();
    // Rounding to the column's decimals may land a hair beyond a bound that is itself rounded.
    double slack = 1e-9 * Math.max(1, Math.max(Math.abs(low), Math.abs(high)));
    int outside = 0;
    for (int p = 0; p < synthetic.patientCount(); p++) {
      int from = synthetic.firstRow(p);
      for (int r = from; r < from + synthetic.visitCount(p); r++) {
        if (x[r] < low - slack || x[r] > high + slack) {
          outside++;
          violating[p] = true;
        }
      }
    }
    return outside;
  }

  /** The counts for {@code report.json}: counts only, never a value or a bound. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>();
    m.put("patients", patients);
    m.put("visits", visits);
    m.put("timeNotIncreasing", timeNotIncreasing);
    m.put("staticChanged", staticChanged);
    m.put("afterEndTime", endTimeChecked ? afterEndTime : null);
    m.put("outOfRange", outOfRange);
    m.put("visitStructureBroken", visitStructureChecked ? visitStructureBroken : null);
    m.put("violations", total());
    m.put("patientsWithViolations", patientsWithViolations);
    m.put(
        "patientsWithViolationsRate",
        TreeValues.num(patients == 0 ? Double.NaN : (double) patientsWithViolations / patients));
    m.put("valueProtectionK", valueProtectionK);
    List<Object> list = new ArrayList<>();
    for (Column c : columns) {
      Map<String, Object> e = new TreeMap<>();
      e.put("column", c.column());
      e.put("staticChanged", c.staticChanged());
      e.put("outOfRange", c.outOfRange());
      e.put("visitStructureBroken", c.visitStructureBroken());
      list.add(e);
    }
    m.put("columns", list);
    return m;
  }
}
