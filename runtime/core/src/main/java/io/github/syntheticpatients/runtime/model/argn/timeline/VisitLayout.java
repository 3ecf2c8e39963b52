package io.github.syntheticpatients.runtime.model.argn.timeline;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * How the timeline {@code argn} sees a longitudinal schema: a <b>static table</b>, one row per
 * patient (the static attributes and the first visit's time), and a <b>visit table</b>, one row per
 * visit (the gap since the previous visit, missing on a first visit, then the time-varying
 * columns). The time column itself is never learned as such: the first time plus the gaps rebuild
 * it, so times increase by construction.
 *
 * <p>The schema's visit counter and interval end ({@link
 * io.github.syntheticpatients.runtime.schema.VisitStructure}) are not in the visit table: the
 * sampler produces them. The interval end needs one learned number, the length of a patient's last
 * interval (the interval end minus the time on the last visit), which the static table holds as a
 * tail column named, like the gap column, so that it clashes with none.
 */
public final class VisitLayout {
  private final TableSchema schema;
  private final String gapColumn;
  private final String tailColumn;
  private final TableSchema staticSchema;
  private final TableSchema visitSchema;

  private VisitLayout(TableSchema schema, String gapColumn) {
    if (!schema.isLongitudinal()) {
      throw new IllegalArgumentException("the timeline argn needs a patient id and a time column");
    }
    this.schema = schema;
    this.gapColumn = gapColumn;
    ColumnSchema time = schema.column(schema.time()).orElseThrow();
    List<ColumnSchema> statics = new ArrayList<>();
    for (ColumnSchema column : schema.staticColumns()) {
      statics.add(column.withStaticAttribute(false));
    }
    statics.add(
        new ColumnSchema(time.name(), time.kind(), false, 0, List.of(), time.decimals(), false));
    // Dates and date-times are held as whole days and seconds, so their gaps are whole numbers too.
    ColumnKind gapKind =
        time.kind() == ColumnKind.NUMERIC ? ColumnKind.NUMERIC : ColumnKind.INTEGER;
    if (schema.visitStructure().intervalEnd() == null) {
      tailColumn = null;
    } else {
      tailColumn = freeName(schema, "_tail");
      ColumnSchema end = schema.column(schema.visitStructure().intervalEnd()).orElseThrow();
      statics.add(
          new ColumnSchema(
              tailColumn,
              gapKind,
              end.nullable(),
              0,
              List.of(),
              Math.max(time.decimals(), end.decimals()),
              false));
    }
    staticSchema = TableSchema.of(statics);
    List<ColumnSchema> visits = new ArrayList<>();
    visits.add(new ColumnSchema(gapColumn, gapKind, true, 0, List.of(), time.decimals(), false));
    for (ColumnSchema column : schema.learnedVisitColumns()) {
      visits.add(column.withStaticAttribute(false));
    }
    visitSchema = TableSchema.of(visits);
  }

  /** The layout of {@code schema}, with a gap column named so that it clashes with none. */
  public static VisitLayout of(TableSchema schema) {
    return new VisitLayout(schema, freeName(schema, "_gap"));
  }

  /** {@code name}, with underscores in front until no schema column has it. */
  private static String freeName(TableSchema schema, String name) {
    String free = name;
    while (schema.indexOf(free) >= 0) {
      free = "_" + free;
    }
    return free;
  }

  /** The layout of {@code schema} with a gap column read from a model file. */
  public static VisitLayout of(TableSchema schema, String gapColumn) {
    if (schema.indexOf(gapColumn) >= 0) {
      throw new IllegalArgumentException("the gap column '" + gapColumn + "' is a schema column");
    }
    return new VisitLayout(schema, gapColumn);
  }

  /** The longitudinal schema. */
  public TableSchema schema() {
    return schema;
  }

  public String gapColumn() {
    return gapColumn;
  }

  /**
   * The static column holding the length of a patient's last interval, or null when the schema
   * names no interval end.
   */
  public String tailColumn() {
    return tailColumn;
  }

  /**
   * Static attributes and the first visit's time (named as the time column), then the last
   * interval's length when the schema names an interval end ({@link #tailColumn()}).
   */
  public TableSchema staticSchema() {
    return staticSchema;
  }

  /** The gap since the previous visit, then the time-varying columns. */
  public TableSchema visitSchema() {
    return visitSchema;
  }

  /** One row per patient: static attributes and the first visit's time. */
  public Table staticTable(Timelines timelines) {
    Table first = timelines.firstVisits();
    double[][] cells = new double[staticSchema.columns().size()][];
    int fromFirst = tailColumn == null ? cells.length : cells.length - 1;
    for (int c = 0; c < fromFirst; c++) {
      cells[c] = first.column(staticSchema.columns().get(c).name()).clone();
    }
    if (tailColumn != null) {
      double[] times = timelines.visits().column(schema.time());
      double[] ends = timelines.visits().column(schema.visitStructure().intervalEnd());
      double[] tails = new double[timelines.patientCount()];
      for (int p = 0; p < tails.length; p++) {
        int last = timelines.firstRow(p) + timelines.visitCount(p) - 1;
        tails[p] = ends[last] - times[last];
      }
      cells[fromFirst] = tails;
    }
    return new Table(staticSchema, cells);
  }

  /**
   * The first {@code maxVisits} visits of each patient, one after another: the gap (missing on a
   * patient's first visit) and the time-varying columns.
   */
  public Table visitTable(Timelines timelines, int maxVisits) {
    int total = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      total += Math.min(timelines.visitCount(p), maxVisits);
    }
    int[] rows = new int[total];
    double[] gaps = new double[total];
    double[] times = timelines.visits().column(schema.time());
    int next = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int first = timelines.firstRow(p);
      for (int v = 0; v < Math.min(timelines.visitCount(p), maxVisits); v++, next++) {
        rows[next] = first + v;
        gaps[next] = v == 0 ? Double.NaN : times[first + v] - times[first + v - 1];
      }
    }
    Table kept = timelines.visits().selectRows(rows);
    double[][] cells = new double[visitSchema.columns().size()][];
    cells[0] = gaps;
    for (int c = 1; c < cells.length; c++) {
      cells[c] = kept.column(visitSchema.columns().get(c).name());
    }
    return new Table(visitSchema, cells);
  }
}
