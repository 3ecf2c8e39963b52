package io.github.syntheticpatients.runtime.schema.inference;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.LongitudinalRoles;
import io.github.syntheticpatients.runtime.schema.TableSchema;

/**
 * Finds a static column that closes each patient's follow-up ({@code endTime}): a kept static
 * column in the time column's unit that, for every patient who has it, lies at or after the
 * patient's last visit, for at least one patient with a second visit.
 *
 * <p>Why inferring it is safe: the role only keeps generated visits at or before the patient's end,
 * which every real patient already satisfies, so a column that fits by chance constrains nothing
 * the data does not. To keep a baseline measure in the same unit that merely exceeds every visit
 * time (an age in years beside visits in years) from being taken, the column must also overlap the
 * visits: its smallest value is at most the latest visit time. The first column in schema order
 * that fits is taken.
 */
final class EndOfFollowUpDetector {
  private EndOfFollowUpDetector() {}

  /** The end-of-follow-up column of {@code timelines}, or null when none fits. */
  static String detect(Timelines timelines) {
    TableSchema schema = timelines.schema();
    ColumnSchema timeColumn = schema.column(schema.time()).orElseThrow();
    double[] times = timelines.visits().column(schema.time());
    for (ColumnSchema column : timelines.staticColumns()) {
      if (column.isLearned()
          && !column.name().equals(schema.time())
          && LongitudinalRoles.sameUnit(column.kind(), timeColumn.kind())
          && closesFollowUp(timelines, timelines.visits().column(column.name()), times)) {
        return column.name();
      }
    }
    return null;
  }

  private static boolean closesFollowUp(Timelines timelines, double[] ends, double[] times) {
    boolean repeated = false;
    boolean present = false;
    double smallestEnd = Double.POSITIVE_INFINITY;
    double latestVisit = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int first = timelines.firstRow(p);
      int visits = timelines.visitCount(p);
      double end = ends[first]; // static: the same on every visit
      double last = Double.NEGATIVE_INFINITY;
      for (int r = first; r < first + visits; r++) {
        if (!Double.isNaN(times[r])) {
          last = Math.max(last, times[r]);
        }
      }
      latestVisit = Math.max(latestVisit, last);
      if (Double.isNaN(end)) {
        continue;
      }
      if (end < last) {
        return false;
      }
      present = true;
      repeated |= visits > 1;
      smallestEnd = Math.min(smallestEnd, end);
    }
    return present && repeated && smallestEnd <= latestVisit;
  }
}
