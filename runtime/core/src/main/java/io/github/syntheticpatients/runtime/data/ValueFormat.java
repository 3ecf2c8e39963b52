package io.github.syntheticpatients.runtime.data;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link Table} cell values into the typed values of a {@link
 * io.github.syntheticpatients.runtime.PatientRecord}, and typed values into CSV text. Both are
 * deterministic: the same input always gives the same output, whatever the locale or platform.
 */
public final class ValueFormat {
  private ValueFormat() {}

  /**
   * The typed value of a cell.
   *
   * @param column the cell's column
   * @param value the cell value by the {@link Table} conventions
   * @return null for NaN; the category text for BINARY and CATEGORICAL; a {@link Double} rounded
   *     half-up to the column's decimals for NUMERIC; a {@link Long} for INTEGER; a {@link
   *     LocalDate} for DATE (from the epoch day); a {@link LocalDateTime} for DATETIME (from epoch
   *     seconds, UTC); the whole number as text for IDENTIFIER
   * @throws IllegalArgumentException for an infinite value or a category index out of range
   */
  public static Object toValue(ColumnSchema column, double value) {
    if (Double.isNaN(value)) {
      return null;
    }
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException("Column '" + column.name() + "' has an infinite value");
    }
    switch (column.kind()) {
      case BINARY:
      case CATEGORICAL:
        long index = Math.round(value);
        if (index < 0 || index >= column.categories().size()) {
          throw new IllegalArgumentException(
              "Column '"
                  + column.name()
                  + "' has category index "
                  + value
                  + " but only "
                  + column.categories().size()
                  + " categories");
        }
        return column.categories().get((int) index);
      case NUMERIC:
        return roundHalfUp(value, Math.max(0, column.decimals()));
      case INTEGER:
        return Math.round(value);
      case DATE:
        return LocalDate.ofEpochDay(Math.round(value));
      case DATETIME:
        return LocalDateTime.ofEpochSecond(Math.round(value), 0, ZoneOffset.UTC);
      case IDENTIFIER:
        return Long.toString(Math.round(value));
      default:
        throw new IllegalStateException("Unknown column kind " + column.kind());
    }
  }

  /**
   * The CSV text of a typed value: empty for null (and NaN); numbers in plain notation without
   * exponent and without trailing zeros ({@code 2.50} is {@code 2.5}, {@code 1.0} is {@code 1});
   * dates and date-times in ISO 8601 ({@code 2024-02-29}, {@code 2024-02-29T13:45:00}); text as it
   * is.
   *
   * @throws IllegalArgumentException for an infinite number
   */
  public static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isNaN(number)) {
        return "";
      }
      if (Double.isInfinite(number)) {
        throw new IllegalArgumentException("Cannot write an infinite number");
      }
      return value instanceof Float f ? plain(new BigDecimal(Float.toString(f))) : plain(number);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return plain(decimal);
    }
    if (value instanceof LocalDate date) {
      return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }
    if (value instanceof LocalDateTime dateTime) {
      // Always with seconds (LocalDateTime.toString drops ":00"), fractions only when present.
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
    }
    if (value instanceof OffsetDateTime offsetDateTime) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(offsetDateTime);
    }
    return value.toString();
  }

  /**
   * One row of a table as a record of its output columns ({@link TableSchema#outputColumns()}:
   * everything not dropped), values as {@link #toValue}. Identifier columns are not stored in a
   * table, so they are null.
   */
  public static PatientRecord toRecord(Table table, int row) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<ColumnSchema> columns = table.schema().columns();
    for (int c = 0; c < columns.size(); c++) {
      ColumnSchema column = columns.get(c);
      if (!column.dropped()) {
        values.put(column.name(), toValue(column, table.value(row, c)));
      }
    }
    return new PatientRecord(values);
  }

  /** Every row of a table as records (see {@link #toRecord}). */
  public static List<PatientRecord> toRecords(Table table) {
    List<PatientRecord> records = new ArrayList<>(table.rowCount());
    for (int row = 0; row < table.rowCount(); row++) {
      records.add(toRecord(table, row));
    }
    return records;
  }

  /**
   * {@code BigDecimal.valueOf(value).setScale(decimals, HALF_UP).doubleValue()}, the rounding that
   * defines a column's grid. Writing a file rounds every cell, and BigDecimal costs about a
   * microsecond a cell, so a double product decides instead where it cannot differ: the scaled
   * value is far from a tie (the product's error is below 1e-6 under 1e9) and k / 10^d is then the
   * correctly rounded double that BigDecimal's doubleValue also gives.
   */
  static double roundHalfUp(double value, int decimals) {
    if (decimals < POWERS_OF_TEN.length) {
      double scaled = value * POWERS_OF_TEN[decimals];
      if (Math.abs(scaled) < 1e9) {
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        if (Math.abs(fraction - 0.5) > 1e-6) {
          // + 0.0: BigDecimal has no negative zero.
          return (fraction < 0.5 ? floor : floor + 1) / POWERS_OF_TEN[decimals] + 0.0;
        }
      }
    }
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  private static final double[] POWERS_OF_TEN = {
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  /**
   * What {@link #plain(BigDecimal)} gives for {@code BigDecimal.valueOf(number)}, read off {@code
   * Double.toString} without building the BigDecimal (the same digits: valueOf parses them).
   */
  private static String plain(double number) {
    if (number == 0) {
      return "0";
    }
    String text = Double.toString(number);
    if (text.indexOf('E') >= 0) {
      return plain(new BigDecimal(text));
    }
    int end = text.length();
    while (text.charAt(end - 1) == '0') {
      end--;
    }
    if (text.charAt(end - 1) == '.') {
      end--;
    }
    return text.substring(0, end);
  }

  private static String plain(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }
}
