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
 */
public final class VisitLayout {
  private final TableSchema schema;
  private final String gapColumn;
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
    staticSchema = TableSchema.of(statics);
    // Dates and date-times are held as whole days and seconds, so their gaps are whole numbers too.
    ColumnKind gapKind =
        time.kind() == ColumnKind.NUMERIC ? ColumnKind.NUMERIC : ColumnKind.INTEGER;
    List<ColumnSchema> visits = new ArrayList<>();
    visits.add(new ColumnSchema(gapColumn, gapKind, true, 0, List.of(), time.decimals(), false));
    for (ColumnSchema column : schema.timeVaryingColumns()) {
      visits.add(column.withStaticAttribute(false));
    }
    visitSchema = TableSchema.of(visits);
  }

  /** The layout of {@code schema}, with a gap column named so that it clashes with none. */
  public static VisitLayout of(TableSchema schema) {
    String name = "_gap";
    while (schema.indexOf(name) >= 0) {
      name = "_" + name;
    }
    return new VisitLayout(schema, name);
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

  /** Static attributes and the first visit's time (named as the time column). */
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
    for (int c = 0; c < cells.length; c++) {
      cells[c] = first.column(staticSchema.columns().get(c).name()).clone();
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
