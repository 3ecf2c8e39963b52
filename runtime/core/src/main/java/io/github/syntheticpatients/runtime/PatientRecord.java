package io.github.syntheticpatients.runtime;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One synthetic patient row: read-only, typed getters by column name. Values are {@link String} for
 * categorical, binary and identifier columns, {@link Double} for numeric, {@link Long} for integer,
 * {@link LocalDate} and {@link LocalDateTime} for dates; {@code null} when missing.
 */
public final class PatientRecord {
  private final Map<String, Object> values;

  /**
   * @param values column name to value, in column order
   */
  public PatientRecord(Map<String, ?> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Column names in order. */
  public List<String> columns() {
    return List.copyOf(values.keySet());
  }

  /** All values by column name, in column order; read-only. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** The raw value, or null when missing. */
  public Object get(String column) {
    requireColumn(column);
    return values.get(column);
  }

  /** Whether the value is missing. */
  public boolean isMissing(String column) {
    return get(column) == null;
  }

  /** The value as text (numbers as written in CSV output), or null when missing. */
  public String getString(String column) {
    Object value = get(column);
    return value == null ? null : value.toString();
  }

  /** The value as a number; category codes such as {@code "2"} are parsed. Null when missing. */
  public Double getDouble(String column) {
    Object value = get(column);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.valueOf(value.toString());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "Column '" + column + "' holds '" + value + "', which is not a number", e);
    }
  }

  /** The value as a whole number (rounded if numeric); null when missing. */
  public Long getLong(String column) {
    Double value = getDouble(column);
    return value == null ? null : Math.round(value);
  }

  /** The value as an int; null when missing. */
  public Integer getInt(String column) {
    Long value = getLong(column);
    return value == null ? null : Math.toIntExact(value);
  }

  /**
   * The value as a boolean: 1/true/yes/y/t/pos are true, 0/false/no/n/f/neg are false; null when
   * missing.
   */
  public Boolean getBoolean(String column) {
    String value = getString(column);
    if (value == null) {
      return null;
    }
    switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "1.0", "true", "yes", "y", "t", "pos":
        return Boolean.TRUE;
      case "0", "0.0", "false", "no", "n", "f", "neg":
        return Boolean.FALSE;
      default:
        throw new IllegalStateException(
            "Column '" + column + "' holds '" + value + "', which is not a boolean");
    }
  }

  /** The value as a date; null when missing. */
  public LocalDate getDate(String column) {
    Object value = get(column);
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof LocalDateTime dateTime) {
      return dateTime.toLocalDate();
    }
    return LocalDate.parse(value.toString());
  }

  /** The value as a date-time; null when missing. */
  public LocalDateTime getDateTime(String column) {
    Object value = get(column);
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDateTime dateTime) {
      return dateTime;
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay();
    }
    return LocalDateTime.parse(value.toString());
  }

  private void requireColumn(String column) {
    if (!values.containsKey(column)) {
      throw new NoSuchElementException(
          "No column '" + column + "'; columns are " + values.keySet());
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PatientRecord record && record.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "PatientRecord" + values;
  }
}
