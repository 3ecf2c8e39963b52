package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ColumnView;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.SchemaView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark rows of a model: its Spark schema and the conversion of sampled records into rows.
 * Built from the model's schema on the driver (for the schema) and on each executor (for the rows).
 */
final class RowShape {
  private final List<SparkField> fields;
  private final List<SparkField> visitFields;
  private final boolean nested;
  private final boolean withVisits;

  private RowShape(
      List<SparkField> fields, List<SparkField> visitFields, boolean nested, boolean withVisits) {
    this.fields = List.copyOf(fields);
    this.visitFields = List.copyOf(visitFields);
    this.nested = nested;
    this.withVisits = withVisits;
  }

  /**
   * The rows of a model in a layout: one row per record for a tabular model, one per visit or (in
   * the nested layout) one per patient for a longitudinal one.
   *
   * @throws IllegalArgumentException naming the {@code layout} option when a tabular model is asked
   *     for nested rows, or a longitudinal model's schema already has a {@code visits} column
   */
  static RowShape of(SchemaView schema, Layout layout) {
    if (layout == Layout.VISITS) {
      return new RowShape(
          schema.outputColumns().stream().map(SparkField::of).toList(), List.of(), false, false);
    }
    if (!schema.isLongitudinal()) {
      throw new IllegalArgumentException(
          "Option 'layout' nested is for longitudinal models (patients with visits); this model is"
              + " tabular: leave the option out for one row per record");
    }
    if (schema.column(Layout.VISITS_COLUMN).isPresent()) {
      throw new IllegalArgumentException(
          "Option 'layout' nested adds a column '"
              + Layout.VISITS_COLUMN
              + "', which this model's schema already has; use layout=visits");
    }
    List<SparkField> patient = new ArrayList<>();
    patient.add(new SparkField(schema.entityId(), ColumnKind.IDENTIFIER, false));
    schema.staticColumns().stream().map(SparkField::of).forEach(patient::add);
    List<SparkField> visit = new ArrayList<>();
    ColumnView time = schema.column(schema.time()).orElseThrow();
    visit.add(SparkField.of(time));
    schema.timeVaryingColumns().stream().map(SparkField::of).forEach(visit::add);
    return new RowShape(patient, visit, true, true);
  }

  /**
   * The same rows with only the named columns, in this shape's order: what a query reads (Spark's
   * column pruning). A nested row's {@code visits} is kept or dropped whole.
   */
  RowShape select(Collection<String> names) {
    return new RowShape(
        fields.stream().filter(field -> names.contains(field.name())).toList(),
        visitFields,
        nested,
        withVisits && names.contains(Layout.VISITS_COLUMN));
  }

  /** Whether a row is a patient (the nested layout) rather than a record or a visit. */
  boolean nested() {
    return nested;
  }

  StructType sparkSchema() {
    List<StructField> columns = new ArrayList<>();
    fields.forEach(field -> columns.add(field.structField()));
    if (withVisits) {
      columns.add(
          new StructField(
              Layout.VISITS_COLUMN,
              DataTypes.createArrayType(structOf(visitFields), false),
              false,
              Metadata.empty()));
    }
    return DataTypes.createStructType(columns);
  }

  /** A record (tabular) or visit (longitudinal, visits layout) as a row. */
  InternalRow row(PatientRecord record) {
    return toRow(fields, record.asMap(), 0);
  }

  /** A patient as a row of the nested layout. */
  InternalRow row(PatientTimeline patient) {
    if (!withVisits) {
      return toRow(fields, patient.attributes().asMap(), 0);
    }
    List<PatientRecord> visits = patient.visits();
    Object[] visitRows = new Object[visits.size()];
    for (int v = 0; v < visitRows.length; v++) {
      visitRows[v] = toRow(visitFields, visits.get(v).asMap(), 0);
    }
    GenericInternalRow row = toRow(fields, patient.attributes().asMap(), 1);
    row.update(fields.size(), new GenericArrayData(visitRows));
    return row;
  }

  private static GenericInternalRow toRow(
      List<SparkField> fields, Map<String, Object> values, int extra) {
    Object[] cells = new Object[fields.size() + extra];
    for (int i = 0; i < fields.size(); i++) {
      SparkField field = fields.get(i);
      cells[i] = field.toInternal(values.get(field.name()));
    }
    return new GenericInternalRow(cells);
  }

  private static StructType structOf(List<SparkField> fields) {
    return DataTypes.createStructType(fields.stream().map(SparkField::structField).toList());
  }
}
