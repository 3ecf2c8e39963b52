package io.github.syntheticpatients.runtime.schema;

import io.github.syntheticpatients.runtime.ColumnKind;
import java.util.List;

/**
 * Visit columns of longitudinal data that follow from the visits themselves and so are produced,
 * not learned: a <b>visit counter</b> (the visit's position within its patient, from {@code
 * counterStart}: 1, 2, 3, … or 0, 1, 2, …) and an <b>interval end</b> (in counting-process data,
 * each visit's interval stops where the next visit starts: the column equals the next visit's time
 * on every visit but the last, and is at or after the visit's own time on the last). Schema
 * inference detects them, the schema file records them ({@code visitCounter}, {@code
 * visitCounterStart}, {@code intervalEnd}), a generator produces them exactly, and the evaluation's
 * timeline rules check them. The one owner of what such a column may be ({@link #check}) and of the
 * values it must take ({@link #counterValue}, {@link #holdsAt}).
 *
 * @param counter the visit counter column, or null
 * @param counterStart the counter's value on a patient's first visit: 0 or 1
 * @param intervalEnd the interval end column, or null
 */
public record VisitStructure(String counter, int counterStart, String intervalEnd) {
  /** Neither column. */
  public static final VisitStructure NONE = new VisitStructure(null, 1, null);

  public VisitStructure {
    counter = counter == null || counter.isBlank() ? null : counter.trim();
    intervalEnd = intervalEnd == null || intervalEnd.isBlank() ? null : intervalEnd.trim();
    if (counterStart != 0 && counterStart != 1) {
      throw new IllegalArgumentException(
          "\"visitCounterStart\" is "
              + counterStart
              + "; a visit counter starts at 0 or 1 on a patient's first visit");
    }
  }

  /** Whether neither column is set. */
  public boolean isEmpty() {
    return counter == null && intervalEnd == null;
  }

  /** Whether {@code column} is the counter or the interval end (produced, not learned). */
  public boolean derives(String column) {
    return column.equals(counter) || column.equals(intervalEnd);
  }

  /** A copy with another counter (null: none) starting at {@code start}. */
  public VisitStructure withCounter(String column, int start) {
    return new VisitStructure(column, start, intervalEnd);
  }

  /** A copy with another interval end (null: none). */
  public VisitStructure withIntervalEnd(String column) {
    return new VisitStructure(counter, counterStart, column);
  }

  /** The counter's value on the visit at {@code index} (0 for a patient's first visit). */
  public double counterValue(int index) {
    return counterStart + index;
  }

  /**
   * Whether the interval end {@code end} of a visit at {@code time} is right: the next visit's time
   * when there is one ({@code nextTime} not NaN), else present and at or after {@code time}.
   */
  public static boolean holdsAt(double end, double time, double nextTime) {
    if (!Double.isNaN(nextTime)) {
      return end == nextTime;
    }
    return !Double.isNaN(end) && end >= time;
  }

  /**
   * Writes the counter and the interval end into a generator's assembled visit columns: the counter
   * from each visit's position, the interval end from the next visit's time and, on a patient's
   * last visit, from the time plus the patient's last interval (at least 0; missing stays missing).
   *
   * @param schema the schema whose columns {@code cells} holds, time column filled in
   * @param cells per schema column, one value per visit, patients one after another
   * @param starts where each patient's visits start, with the end as the last entry
   * @param lastIntervals per patient, the length of the last interval; may be null without an
   *     interval end
   */
  public void produce(TableSchema schema, double[][] cells, int[] starts, double[] lastIntervals) {
    if (counter != null) {
      double[] values = cells[schema.indexOf(counter)];
      for (int p = 0; p + 1 < starts.length; p++) {
        for (int r = starts[p]; r < starts[p + 1]; r++) {
          values[r] = counterValue(r - starts[p]);
        }
      }
    }
    if (intervalEnd != null) {
      double[] times = cells[schema.indexOf(schema.time())];
      double[] ends = cells[schema.indexOf(intervalEnd)];
      for (int p = 0; p + 1 < starts.length; p++) {
        int last = starts[p + 1] - 1;
        for (int r = starts[p]; r < last; r++) {
          ends[r] = times[r + 1];
        }
        if (last >= starts[p]) {
          double tail = lastIntervals[p];
          ends[last] = Double.isNaN(tail) ? Double.NaN : times[last] + Math.max(0, tail);
        }
      }
    }
  }

  /**
   * Checks the columns against a schema: both must be kept, time-varying columns other than the
   * patient id and time columns; the counter a number column, the interval end in the time column's
   * unit (both plain numbers, both dates or both date-times); and not the same column.
   *
   * @throws IllegalArgumentException naming the setting, the column and the fix
   */
  public void check(List<ColumnSchema> columns, String entityId, String time) {
    if (isEmpty()) {
      return;
    }
    String key = counter != null ? "visitCounter" : "intervalEnd";
    if (entityId == null || time == null) {
      throw new IllegalArgumentException(
          "\""
              + key
              + "\" is set but the schema is not longitudinal; set \"entityId\" and \"time\" too,"
              + " or set \""
              + key
              + "\" to null");
    }
    if (counter != null && counter.equals(intervalEnd)) {
      throw new IllegalArgumentException(
          "\"visitCounter\" and \"intervalEnd\" both name '"
              + counter
              + "'; one column is either a counter or an interval end: set one of them to null");
    }
    ColumnSchema timeColumn = find(columns, time);
    if (counter != null) {
      ColumnSchema column = visitColumn(columns, "visitCounter", counter, entityId, time);
      if (column.kind() != ColumnKind.INTEGER && column.kind() != ColumnKind.NUMERIC) {
        throw new IllegalArgumentException(
            "\"visitCounter\" names column '"
                + counter
                + "', which is "
                + column.kind()
                + "; a visit counter is a number column (set \"kind\": \"integer\"), or set"
                + " \"visitCounter\" to null");
      }
    }
    if (intervalEnd != null) {
      ColumnSchema column = visitColumn(columns, "intervalEnd", intervalEnd, entityId, time);
      if (timeColumn == null || !LongitudinalRoles.sameUnit(column.kind(), timeColumn.kind())) {
        throw new IllegalArgumentException(
            "\"intervalEnd\" names column '"
                + intervalEnd
                + "', which is "
                + column.kind()
                + " while the time column '"
                + time
                + "' is "
                + (timeColumn == null ? "missing" : timeColumn.kind())
                + "; both must be numbers in the same unit, both dates or both date-times, or set"
                + " \"intervalEnd\" to null");
      }
    }
  }

  private static ColumnSchema visitColumn(
      List<ColumnSchema> columns, String key, String name, String entityId, String time) {
    String problem = "\"" + key + "\" names column '" + name + "', ";
    if (name.equals(entityId) || name.equals(time)) {
      throw new IllegalArgumentException(
          problem
              + "the "
              + (name.equals(time) ? "time" : "patient id")
              + " column itself; name another column or set \""
              + key
              + "\" to null");
    }
    ColumnSchema column = find(columns, name);
    if (column == null) {
      throw new IllegalArgumentException(problem + "which is not in \"columns\"");
    }
    if (column.dropped() || column.staticAttribute() || !column.isLearned()) {
      throw new IllegalArgumentException(
          problem
              + "which is "
              + (column.dropped()
                  ? "dropped"
                  : column.staticAttribute() ? "static" : "an identifier")
              + "; it takes a value on every visit: make it a kept, time-varying number column, or"
              + " set \""
              + key
              + "\" to null");
    }
    return column;
  }

  private static ColumnSchema find(List<ColumnSchema> columns, String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
