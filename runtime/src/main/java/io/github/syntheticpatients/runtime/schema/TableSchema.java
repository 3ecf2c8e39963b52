package io.github.syntheticpatients.runtime.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The columns of a patient table in CSV order, with an optional target (outcome) column. Longitudinal tables
 * also name the patient id and time columns; tabular ones leave them null.
 *
 * @param columns every CSV column in order, dropped ones included
 * @param target the outcome column used for utility metrics, or null
 * @param entityId the patient id column of longitudinal data, or null
 * @param time the time column of longitudinal data, or null
 */
public record TableSchema(List<ColumnSchema> columns, String target, String entityId, String time) {

  public TableSchema {
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    var seen = new java.util.HashSet<String>();
    for (ColumnSchema column : columns) {
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException("Duplicate column name '" + column.name() + "' in schema");
      }
    }
    for (String role : new String[] {target, entityId, time}) {
      if (role != null && seen.stream().noneMatch(role::equals)) {
        throw new IllegalArgumentException("Schema names column '" + role + "' that it does not contain");
      }
    }
  }

  /** A tabular schema without target. */
  public static TableSchema of(List<ColumnSchema> columns) {
    return new TableSchema(columns, null, null, null);
  }

  /** The column with this name. */
  public Optional<ColumnSchema> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The position of the named column in {@link #columns()}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The columns that are learned and generated, in CSV order. */
  public List<ColumnSchema> learnedColumns() {
    List<ColumnSchema> learned = new ArrayList<>();
    for (ColumnSchema c : columns) {
      if (c.isLearned()) {
        learned.add(c);
      }
    }
    return learned;
  }

  /** The columns written to synthetic output: everything not dropped (identifiers are generated). */
  public List<ColumnSchema> outputColumns() {
    return columns.stream().filter(c -> !c.dropped()).toList();
  }

  /** A copy with another target column. */
  public TableSchema withTarget(String newTarget) {
    return new TableSchema(columns, newTarget, entityId, time);
  }
}
