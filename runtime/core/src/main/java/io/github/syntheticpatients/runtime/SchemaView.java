package io.github.syntheticpatients.runtime;

import java.util.List;
import java.util.Optional;

/**
 * A read-only view of a model's table schema: its columns and, for longitudinal data, the patient
 * id and time columns. What the adapters and users read; the runtime's own schema type implements
 * it.
 */
public interface SchemaView {
  /** Every column, in file order, including identifier and dropped ones. */
  List<? extends ColumnView> columns();

  /** The columns a sampled record holds, in file order (every column that is not dropped). */
  List<? extends ColumnView> outputColumns();

  /** The column of that name, if the schema has one. */
  Optional<? extends ColumnView> column(String name);

  /** The column utility metrics predict, else null. */
  String target();

  /**
   * Whether rows are visits grouped by patient ({@link #entityId()} and {@link #time()} are set).
   */
  boolean isLongitudinal();

  /** The patient id column of longitudinal data, else null. */
  String entityId();

  /** The visit time column of longitudinal data, else null. */
  String time();

  /** Longitudinal data: the learned columns that are constant within each patient. */
  List<? extends ColumnView> staticColumns();

  /** Longitudinal data: the learned columns that change from visit to visit. */
  List<? extends ColumnView> timeVaryingColumns();
}
