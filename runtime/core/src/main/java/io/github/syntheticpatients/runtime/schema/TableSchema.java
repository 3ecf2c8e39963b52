package io.github.syntheticpatients.runtime.schema;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.SchemaView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The columns of a patient table in CSV order, with an optional target (outcome) column.
 * Longitudinal tables (one row per patient visit) also name the patient id and time columns;
 * tabular ones leave both null. In a longitudinal table the id column is an {@link
 * ColumnKind#IDENTIFIER}, the time column is continuous, and every other learned column is either a
 * static attribute ({@link ColumnSchema#staticAttribute()}) or time-varying.
 *
 * @param columns every CSV column in order, dropped ones included
 * @param target the outcome column used for utility metrics, or null
 * @param entityId the patient id column of longitudinal data, or null
 * @param time the time column of longitudinal data, or null
 * @param missingValues field values that mean "missing" in this data besides the readers' defaults
 *     (the user's {@code synthetic.missingValues} when the schema was inferred), so that training
 *     reads the data as inference did; empty when none
 * @param endTime the static column that closes each patient's follow-up (end of follow-up or death
 *     time, in the time column's unit), after which no visit happens; null when the data has none
 *     or the user did not declare it ({@link LongitudinalRoles#checkEndTime})
 * @param decimalSeparator how the data writes numbers' decimals, {@code '.'} or {@code ','}
 *     (detected at inference or set with {@code synthetic.decimalSeparator}), so that every reader
 *     of this data reads numbers as inference did
 * @param visitStructure the visit counter and interval end of longitudinal data, produced from the
 *     visits instead of learned ({@link VisitStructure}); {@link VisitStructure#NONE} when none
 */
public record TableSchema(
    List<ColumnSchema> columns,
    String target,
    String entityId,
    String time,
    List<String> missingValues,
    String endTime,
    char decimalSeparator,
    VisitStructure visitStructure)
    implements SchemaView {

  /** A schema without a visit counter or interval end. */
  public TableSchema(
      List<ColumnSchema> columns,
      String target,
      String entityId,
      String time,
      List<String> missingValues,
      String endTime,
      char decimalSeparator) {
    this(
        columns,
        target,
        entityId,
        time,
        missingValues,
        endTime,
        decimalSeparator,
        VisitStructure.NONE);
  }

  /** A schema whose data uses only the default missing-value tokens. */
  public TableSchema(List<ColumnSchema> columns, String target, String entityId, String time) {
    this(columns, target, entityId, time, List.of());
  }

  /** A schema without an end-of-follow-up column, whose data writes decimals with a point. */
  public TableSchema(
      List<ColumnSchema> columns,
      String target,
      String entityId,
      String time,
      List<String> missingValues) {
    this(columns, target, entityId, time, missingValues, null, '.');
  }

  /** A schema whose data writes decimals with a point. */
  public TableSchema(
      List<ColumnSchema> columns,
      String target,
      String entityId,
      String time,
      List<String> missingValues,
      String endTime) {
    this(columns, target, entityId, time, missingValues, endTime, '.');
  }

  /** A schema without an end-of-follow-up column. */
  public TableSchema(
      List<ColumnSchema> columns,
      String target,
      String entityId,
      String time,
      List<String> missingValues,
      char decimalSeparator) {
    this(columns, target, entityId, time, missingValues, null, decimalSeparator);
  }

  public TableSchema {
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    missingValues = missingValues == null ? List.of() : List.copyOf(missingValues);
    endTime = endTime == null || endTime.isBlank() ? null : endTime.trim();
    visitStructure = visitStructure == null ? VisitStructure.NONE : visitStructure;
    if (decimalSeparator != '.' && decimalSeparator != ',') {
      throw new IllegalArgumentException(
          "The decimal separator must be '.' or ',', not '" + decimalSeparator + "'");
    }
    var seen = new java.util.HashSet<String>();
    for (ColumnSchema column : columns) {
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException(
            "Duplicate column name '" + column.name() + "' in schema");
      }
    }
    CodeColumn.firstMismatch(columns)
        .ifPresent(
            mismatch -> {
              throw new IllegalArgumentException(mismatch.message());
            });
    for (String role : new String[] {target, entityId, time}) {
      if (role != null && seen.stream().noneMatch(role::equals)) {
        throw new IllegalArgumentException(
            "Schema names column '" + role + "' that it does not contain");
      }
    }
    if (LongitudinalRoles.bothOrNeither(entityId, time, LongitudinalRoles.Names.FIELDS)
        .isPresent()) {
      ColumnSchema timeColumn = columns.get(indexOfIn(columns, time));
      if (!timeColumn.kind().isContinuous() || timeColumn.dropped()) {
        throw new IllegalArgumentException(
            "The time column '"
                + time
                + "' is "
                + timeColumn.kind()
                + (timeColumn.dropped() ? " and dropped" : "")
                + "; it must be a kept integer, numeric, date or datetime column");
      }
    }
    LongitudinalRoles.checkEndTime(columns, entityId, time, endTime);
    visitStructure.check(columns, entityId, time);
  }

  private static int indexOfIn(List<ColumnSchema> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A tabular schema without target. */
  /**
   * The schema behind a view the runtime handed out ({@link
   * io.github.syntheticpatients.runtime.SyntheticModel#schema()}).
   *
   * @throws IllegalArgumentException for a view some other code implemented
   */
  public static TableSchema of(SchemaView view) {
    if (view instanceof TableSchema schema) {
      return schema;
    }
    throw new IllegalArgumentException(
        "not a schema the runtime read: " + view.getClass().getName());
  }

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

  /**
   * The columns written to synthetic output: everything not dropped (identifiers are generated).
   */
  public List<ColumnSchema> outputColumns() {
    return columns.stream().filter(c -> !c.dropped()).toList();
  }

  /** Whether this is a longitudinal (patient × time) schema. */
  public boolean isLongitudinal() {
    return entityId != null;
  }

  /**
   * The learned static attributes of a longitudinal schema (constant within a patient), in CSV
   * order; empty for tabular schemas.
   */
  public List<ColumnSchema> staticColumns() {
    if (!isLongitudinal()) {
      return List.of();
    }
    return learnedColumns().stream()
        .filter(c -> c.staticAttribute() && !c.name().equals(time))
        .toList();
  }

  /**
   * The learned time-varying columns of a longitudinal schema (measured at each visit), in CSV
   * order, without the time column; empty for tabular schemas.
   */
  public List<ColumnSchema> timeVaryingColumns() {
    if (!isLongitudinal()) {
      return List.of();
    }
    return learnedColumns().stream()
        .filter(c -> !c.staticAttribute() && !c.name().equals(time) && !c.name().equals(entityId))
        .toList();
  }

  /**
   * A longitudinal copy: names the patient id and time columns, and makes the id column an
   * identifier (it is regenerated, never learned). Static flags are kept as they are.
   *
   * @throws IllegalArgumentException when a column is missing or the time column is not continuous
   */
  public TableSchema withLongitudinal(String newEntityId, String newTime) {
    List<ColumnSchema> changed = new ArrayList<>();
    for (ColumnSchema column : columns) {
      if (column.name().equals(newEntityId)) {
        changed.add(column.withKind(ColumnKind.IDENTIFIER).withStaticAttribute(false));
      } else if (column.name().equals(newTime)) {
        changed.add(column.withStaticAttribute(false));
      } else {
        changed.add(column);
      }
    }
    return new TableSchema(
        changed,
        target,
        newEntityId,
        newTime,
        missingValues,
        endTime,
        decimalSeparator,
        visitStructure);
  }

  /** A copy with other columns, same roles. */
  public TableSchema withColumns(List<ColumnSchema> newColumns) {
    return new TableSchema(
        newColumns,
        target,
        entityId,
        time,
        missingValues,
        endTime,
        decimalSeparator,
        visitStructure);
  }

  /** A copy with another target column. */
  public TableSchema withTarget(String newTarget) {
    return new TableSchema(
        columns,
        newTarget,
        entityId,
        time,
        missingValues,
        endTime,
        decimalSeparator,
        visitStructure);
  }

  /** A copy whose data also means "missing" by these field values. */
  public TableSchema withMissingValues(List<String> values) {
    return new TableSchema(
        columns, target, entityId, time, values, endTime, decimalSeparator, visitStructure);
  }

  /**
   * A copy naming the static column that closes each patient's follow-up, or none (null).
   *
   * @throws IllegalArgumentException when the column does not qualify ({@link
   *     LongitudinalRoles#checkEndTime})
   */
  public TableSchema withEndTime(String newEndTime) {
    return new TableSchema(
        columns,
        target,
        entityId,
        time,
        missingValues,
        newEndTime,
        decimalSeparator,
        visitStructure);
  }

  /** A copy whose data writes decimals with this separator ({@code '.'} or {@code ','}). */
  public TableSchema withDecimalSeparator(char separator) {
    return new TableSchema(
        columns, target, entityId, time, missingValues, endTime, separator, visitStructure);
  }

  /**
   * A copy with this visit counter and interval end ({@link VisitStructure#NONE}: neither).
   *
   * @throws IllegalArgumentException when a column does not qualify ({@link VisitStructure#check})
   */
  public TableSchema withVisitStructure(VisitStructure structure) {
    return new TableSchema(
        columns, target, entityId, time, missingValues, endTime, decimalSeparator, structure);
  }

  /**
   * The time-varying columns a generator learns: {@link #timeVaryingColumns()} without the visit
   * counter and the interval end, which are produced from the visits ({@link VisitStructure}).
   */
  public List<ColumnSchema> learnedVisitColumns() {
    return timeVaryingColumns().stream().filter(c -> !visitStructure.derives(c.name())).toList();
  }
}
