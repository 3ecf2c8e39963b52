package io.github.syntheticpatients.runtime.schema.inference;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.LongitudinalRoles;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.schema.VisitStructure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Detects the {@link VisitStructure} of longitudinal data, visits sorted by time within each
 * patient, and records with it the end of follow-up that {@link EndOfFollowUpDetector} finds in the
 * same pass:
 *
 * <ul>
 *   <li>a <b>visit counter</b>: a time-varying column of whole numbers equal, on every visit, to
 *       the visit's position within its patient plus 0 or 1 (never missing);
 *   <li>an <b>interval end</b>: a time-varying column in the time column's unit equal, on every
 *       visit but a patient's last, to the next visit's time, and present and at or after the
 *       visit's own time on the last (counting-process data: {@code tstart}, {@code tstop}).
 * </ul>
 *
 * Both need at least one patient with a second visit (with one visit each nothing counts or
 * follows); the first column in schema order that fits each is taken. An exact rule over every
 * visit, so a column that fits by chance is one whose every value the rule already gives.
 */
public final class VisitStructureDetector {
  private VisitStructureDetector() {}

  /**
   * The inferred schema with the structure of the data recorded: re-reads {@code input} (a second
   * pass), with discrete columns whose categories are whole numbers read as numbers (schema
   * inference makes a column of ten or fewer values categorical, and value protection merges the
   * high visit numbers into {@code _RARE_}); a counter found among them becomes an INTEGER column.
   */
  static TableSchema record(Path input, CsvOptions options, TableSchema inferred) {
    List<ColumnSchema> readable = new ArrayList<>();
    for (ColumnSchema column : inferred.columns()) {
      // Rare values that are not numbers are read as missing (then the column is no counter).
      readable.add(
          wholeNumberCategories(column)
              ? asNumbers(column, Math.max(1, column.unparsedValues()))
              : column);
    }
    Timelines timelines = TimelineReader.read(input, inferred.withColumns(readable), options);
    VisitStructure structure = detect(timelines);
    String endTime = EndOfFollowUpDetector.detect(timelines);
    if (structure.isEmpty() && endTime == null) {
      return inferred;
    }
    List<ColumnSchema> columns = new ArrayList<>(inferred.columns());
    if (endTime != null) {
      int c = inferred.indexOf(endTime);
      columns.set(
          c,
          columns
              .get(c)
              .withReason(
                  "end of follow-up: at or after every visit of every patient, so no visit is"
                      + " generated after it (\"endTime\" in the schema; set it to null to drop"
                      + " the rule)"));
    }
    if (structure.counter() != null) {
      int c = inferred.indexOf(structure.counter());
      columns.set(
          c,
          asNumbers(columns.get(c), columns.get(c).unparsedValues())
              .withReason(
                  "visit counter: the visit's position within its patient + "
                      + structure.counterStart()
                      + " on every visit, so it is produced from the visits, not learned"));
    }
    if (structure.intervalEnd() != null) {
      int c = inferred.indexOf(structure.intervalEnd());
      columns.set(
          c,
          columns
              .get(c)
              .withReason(
                  "interval end: the next visit's time on every visit but the last, so it is"
                      + " produced from the visits; the last one from a learned interval"));
    }
    TableSchema recorded = inferred.withColumns(columns).withVisitStructure(structure);
    return endTime == null ? recorded : recorded.withEndTime(endTime);
  }

  /**
   * The visit counter and interval end of {@code timelines}; {@link VisitStructure#NONE} when
   * neither fits.
   */
  public static VisitStructure detect(Timelines timelines) {
    boolean repeated = false;
    for (int p = 0; p < timelines.patientCount() && !repeated; p++) {
      repeated = timelines.visitCount(p) > 1;
    }
    if (!repeated) {
      return VisitStructure.NONE;
    }
    TableSchema schema = timelines.schema();
    ColumnSchema timeColumn = schema.column(schema.time()).orElseThrow();
    double[] times = timelines.visits().column(schema.time());
    String counter = null;
    int start = 1;
    String intervalEnd = null;
    for (ColumnSchema column : schema.timeVaryingColumns()) {
      double[] values = numbers(column, timelines.visits().column(column.name()));
      if (values == null) {
        continue;
      }
      int counted = counter == null ? counterStart(timelines, values) : -1;
      if (counted >= 0) {
        counter = column.name();
        start = counted;
      } else if (intervalEnd == null
          && LongitudinalRoles.sameUnit(column.kind(), timeColumn.kind())
          && endsIntervals(timelines, values, times)) {
        intervalEnd = column.name();
      }
    }
    return new VisitStructure(counter, start, intervalEnd);
  }

  /** 0 or 1 when {@code values} is the visit index plus that on every visit; -1 otherwise. */
  private static int counterStart(Timelines timelines, double[] values) {
    for (int start = 0; start <= 1; start++) {
      boolean fits = true;
      for (int p = 0; p < timelines.patientCount() && fits; p++) {
        int first = timelines.firstRow(p);
        for (int v = 0; v < timelines.visitCount(p) && fits; v++) {
          fits = values[first + v] == start + v;
        }
      }
      if (fits) {
        return start;
      }
    }
    return -1;
  }

  private static boolean endsIntervals(Timelines timelines, double[] values, double[] times) {
    for (int p = 0; p < timelines.patientCount(); p++) {
      int first = timelines.firstRow(p);
      int last = first + timelines.visitCount(p) - 1;
      for (int r = first; r <= last; r++) {
        double next = r < last ? times[r + 1] : Double.NaN;
        if (!VisitStructure.holdsAt(values[r], times[r], next)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A column's values as numbers: a continuous column's own, a discrete one's category texts when
   * all are whole numbers; null otherwise.
   */
  private static double[] numbers(ColumnSchema column, double[] cells) {
    if (column.kind().isContinuous()) {
      return cells;
    }
    if (!column.kind().isDiscrete() || column.hasRareCategory()) {
      return null;
    }
    double[] categories = new double[column.categories().size()];
    for (int k = 0; k < categories.length; k++) {
      categories[k] = wholeNumber(column.categories().get(k));
      if (Double.isNaN(categories[k])) {
        return null;
      }
    }
    double[] values = new double[cells.length];
    for (int r = 0; r < cells.length; r++) {
      values[r] = Double.isNaN(cells[r]) ? Double.NaN : categories[(int) cells[r]];
    }
    return values;
  }

  /**
   * Whether a kept, time-varying discrete column lists only whole numbers, {@code _RARE_} aside: a
   * candidate counter that inference made categorical.
   */
  private static boolean wholeNumberCategories(ColumnSchema column) {
    if (!column.kind().isDiscrete() || !column.isLearned() || column.staticAttribute()) {
      return false;
    }
    int numbers = 0;
    for (String category : column.categories()) {
      if (!category.equals(ValueProtection.RARE_CATEGORY)) {
        if (Double.isNaN(wholeNumber(category))) {
          return false;
        }
        numbers++;
      }
    }
    return numbers > 0;
  }

  private static double wholeNumber(String text) {
    try {
      long value = Long.parseLong(text.trim());
      return value;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The column read as whole numbers: INTEGER, no categories, no protected values. */
  private static ColumnSchema asNumbers(ColumnSchema column, int unparsedValues) {
    return new ColumnSchema(
        column.name(),
        ColumnKind.INTEGER,
        column.nullable(),
        column.missingRate(),
        List.of(),
        0,
        column.dropped(),
        column.staticAttribute(),
        null,
        0,
        unparsedValues,
        column.reason());
  }
}
