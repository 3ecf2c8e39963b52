package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ColumnView;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One model column as a Spark column: the type its kind maps to and the conversion of a record's
 * value (as {@link io.github.syntheticpatients.runtime.PatientRecord} holds it) to Spark's internal
 * form.
 *
 * @param name the column name
 * @param kind what the model's column holds
 * @param nullable whether a value may be missing; generated identifiers never are
 */
record SparkField(String name, ColumnKind kind, boolean nullable) {

  /** The Spark column of a model column. */
  static SparkField of(ColumnView column) {
    boolean generated = column.kind() == ColumnKind.IDENTIFIER;
    return new SparkField(column.name(), column.kind(), !generated && column.nullable());
  }

  /**
   * Numbers as double, whole numbers as long, categories and identifiers as strings, dates as date
   * and date-times as timestamp without a time zone (the model's date-times carry none).
   */
  DataType dataType() {
    return switch (kind) {
      case NUMERIC -> DataTypes.DoubleType;
      case INTEGER -> DataTypes.LongType;
      case BINARY, CATEGORICAL, IDENTIFIER -> DataTypes.StringType;
      case DATE -> DataTypes.DateType;
      case DATETIME -> DataTypes.TimestampNTZType;
    };
  }

  StructField structField() {
    return new StructField(name, dataType(), nullable, Metadata.empty());
  }

  /** The value in the form Spark's {@code InternalRow} holds for {@link #dataType()}. */
  Object toInternal(Object value) {
    if (value == null) {
      return null;
    }
    return switch (kind) {
      case NUMERIC -> ((Number) value).doubleValue();
      case INTEGER -> ((Number) value).longValue();
      case BINARY, CATEGORICAL, IDENTIFIER -> UTF8String.fromString(value.toString());
      case DATE -> DateTimeUtils.localDateToDays((LocalDate) value);
      case DATETIME -> DateTimeUtils.localDateTimeToMicros((LocalDateTime) value);
    };
  }
}
