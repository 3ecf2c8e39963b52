package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Visit counters: time-varying columns of whole numbers that count up from visit to visit (a visit
 * number 1, 2, 3, ...). Schema inference makes a number column with at most ten distinct values
 * categorical, which suits a code but not a counter: scored as categories, a synthetic visit 4
 * where the real data has 5 counts as wholly wrong, and the report draws bars for it. The
 * evaluation reads such a column as an integer instead, in every part of the report. The one owner
 * of that decision.
 *
 * <p>A counter, in the real (training) timelines: a discrete, time-varying column, not the target,
 * whose every category is a whole number, that never decreases within a patient, and that rises in
 * at least half of the consecutive pairs of present values.
 */
public final class VisitCounters {
  private final List<String> columns;

  private VisitCounters(List<String> columns) {
    this.columns = columns;
  }

  /** The visit counters of real timelines. */
  public static VisitCounters find(Timelines real) {
    TableSchema schema = real.schema();
    List<String> found = new ArrayList<>();
    for (ColumnSchema column : schema.timeVaryingColumns()) {
      if (column.kind().isDiscrete()
          && !column.name().equals(schema.target())
          && wholeNumbers(column.categories()) != null
          && countsUp(real, schema.indexOf(column.name()), column.categories())) {
        found.add(column.name());
      }
    }
    return new VisitCounters(found);
  }

  /** The counters' names, in schema order. */
  public List<String> columns() {
    return columns;
  }

  /**
   * The timelines with each counter read as an INTEGER column (its category texts as numbers); the
   * same timelines when there is none. Null stays null.
   */
  public Timelines asNumbers(Timelines timelines) {
    if (timelines == null || columns.isEmpty()) {
      return timelines;
    }
    TableSchema schema = timelines.schema();
    List<ColumnSchema> newColumns = new ArrayList<>(schema.columns());
    Table visits = timelines.visits();
    double[][] values = new double[newColumns.size()][];
    for (int c = 0; c < newColumns.size(); c++) {
      values[c] = visits.column(c);
    }
    for (String name : columns) {
      int c = schema.indexOf(name);
      ColumnSchema column = newColumns.get(c);
      double[] numbers = wholeNumbers(column.categories());
      double[] counted = new double[values[c].length];
      for (int row = 0; row < counted.length; row++) {
        double code = values[c][row];
        // a code past the categories (none, as synthetic data is read) stays missing
        counted[row] =
            Double.isNaN(code) || code >= numbers.length ? Double.NaN : numbers[(int) code];
      }
      values[c] = counted;
      newColumns.set(
          c,
          new ColumnSchema(
              column.name(),
              ColumnKind.INTEGER,
              column.nullable(),
              column.missingRate(),
              List.of(),
              0,
              column.dropped(),
              column.staticAttribute()));
    }
    int[] starts = new int[timelines.patientCount() + 1];
    List<String> ids = new ArrayList<>(timelines.patientCount());
    for (int p = 0; p < timelines.patientCount(); p++) {
      starts[p] = timelines.firstRow(p);
      ids.add(timelines.id(p));
    }
    starts[timelines.patientCount()] = visits.rowCount();
    return new Timelines(new Table(schema.withColumns(newColumns), values), starts, ids);
  }

  /** Each category as a whole number, or null when one is not (a code, {@code _RARE_}). */
  private static double[] wholeNumbers(List<String> categories) {
    double[] numbers = new double[categories.size()];
    for (int k = 0; k < numbers.length; k++) {
      try {
        numbers[k] = Double.parseDouble(categories.get(k));
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Double.isFinite(numbers[k]) || numbers[k] != Math.rint(numbers[k])) {
        return null;
      }
    }
    return numbers.length == 0 ? null : numbers;
  }

  private static boolean countsUp(Timelines real, int c, List<String> categories) {
    double[] numbers = wholeNumbers(categories);
    double[] codes = real.visits().column(c);
    int pairs = 0;
    int rises = 0;
    for (int p = 0; p < real.patientCount(); p++) {
      double previous = Double.NaN;
      int end = real.firstRow(p) + real.visitCount(p);
      for (int row = real.firstRow(p); row < end; row++) {
        if (Double.isNaN(codes[row])) {
          continue;
        }
        double value = numbers[(int) codes[row]];
        if (!Double.isNaN(previous)) {
          if (value < previous) {
            return false;
          }
          pairs++;
          rises += value > previous ? 1 : 0;
        }
        previous = value;
      }
    }
    return pairs > 0 && 2 * rises >= pairs;
  }
}
