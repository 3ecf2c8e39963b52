package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the plain JDK state maps ({@link Map}, {@link List}, {@link Number}, {@link
 * String}, {@link Boolean}) that encoders and the copula store in a model file, failing with a
 * {@link ModelFormatException} that names the missing or malformed entry.
 */
public final class StateMaps {
  private final String source;

  /**
   * @param source what the state belongs to, used in error messages (e.g. {@code "encoder state"})
   */
  public StateMaps(String source) {
    this.source = source;
  }

  /** The entry {@code key}, which must be present. */
  public Object get(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      throw new ModelFormatException(source, "entry '" + key + "' is missing");
    }
    return value;
  }

  /**
   * Refuses a stored column state that is not the schema's column at this position (name, kind and
   * nullability), so a model file and its schema cannot drift apart unnoticed.
   *
   * @param index the column's position among the learned columns, from 0
   */
  public void requireColumn(int index, Map<String, Object> state, ColumnSchema column) {
    if (!string(state, "name").equals(column.name())
        || !string(state, "kind").equals(column.kind().name())
        || bool(state, "nullable") != column.nullable()) {
      throw new ModelFormatException(
          source,
          "column "
              + (index + 1)
              + " is '"
              + state.get("name")
              + "' ("
              + state.get("kind")
              + ", nullable "
              + state.get("nullable")
              + ") but the schema has '"
              + column.name()
              + "' ("
              + column.kind()
              + ", nullable "
              + column.nullable()
              + ")");
    }
  }

  public double number(Map<String, Object> map, String key) {
    if (get(map, key) instanceof Number n) {
      return n.doubleValue();
    }
    throw new ModelFormatException(source, "entry '" + key + "' is not a number");
  }

  public int integer(Map<String, Object> map, String key) {
    double value = number(map, key);
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw new ModelFormatException(source, "entry '" + key + "' is not a whole number: " + value);
    }
    return (int) value;
  }

  /** Checks the state's {@code format} entry against the one version this runtime reads. */
  public void requireFormat(Map<String, Object> state, int expected) {
    int format = integer(state, "format");
    if (format != expected) {
      throw new ModelFormatException(
          source, "format " + format + " is not supported (expected " + expected + ")");
    }
  }

  public String string(Map<String, Object> map, String key) {
    if (get(map, key) instanceof String s) {
      return s;
    }
    throw new ModelFormatException(source, "entry '" + key + "' is not a string");
  }

  public boolean bool(Map<String, Object> map, String key) {
    if (get(map, key) instanceof Boolean b) {
      return b;
    }
    throw new ModelFormatException(source, "entry '" + key + "' is not true or false");
  }

  /** A list of numbers as a primitive array. */
  public double[] doubles(Map<String, Object> map, String key) {
    if (!(get(map, key) instanceof List<?> list)) {
      throw new ModelFormatException(source, "entry '" + key + "' is not a list of numbers");
    }
    double[] values = new double[list.size()];
    for (int i = 0; i < values.length; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw new ModelFormatException(
            source, "entry '" + key + "' holds a non-number at position " + i);
      }
      values[i] = n.doubleValue();
    }
    return values;
  }

  /** A list of equally long lists of numbers as a matrix. */
  public double[][] matrix(Map<String, Object> map, String key) {
    if (!(get(map, key) instanceof List<?> rows)) {
      throw new ModelFormatException(source, "entry '" + key + "' is not a list of rows");
    }
    double[][] matrix = new double[rows.size()][];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = doubles(Map.of("row", rows.get(i) == null ? List.of() : rows.get(i)), "row");
      if (matrix[i].length != matrix[0].length) {
        throw new ModelFormatException(source, "entry '" + key + "' has rows of different lengths");
      }
    }
    return matrix;
  }

  /** A nested map. */
  public Map<String, Object> map(Map<String, Object> map, String key) {
    return asMap(get(map, key), key);
  }

  /** A list of nested maps. */
  public List<Map<String, Object>> maps(Map<String, Object> map, String key) {
    if (!(get(map, key) instanceof List<?> list)) {
      throw new ModelFormatException(source, "entry '" + key + "' is not a list");
    }
    List<Map<String, Object>> maps = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      maps.add(asMap(list.get(i), key + "[" + i + "]"));
    }
    return maps;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(Object value, String key) {
    if (value instanceof Map<?, ?> m) {
      for (Object k : m.keySet()) {
        if (!(k instanceof String)) {
          throw new ModelFormatException(source, "entry '" + key + "' has a non-text key " + k);
        }
      }
      return (Map<String, Object>) m;
    }
    throw new ModelFormatException(source, "entry '" + key + "' is not an object");
  }

  /**
   * A primitive array as a list a JSON writer stores exactly (doubles print in round-trip form).
   */
  public static List<Double> list(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalStateException("Refusing to store a non-finite number in state: " + v);
      }
      list.add(v);
    }
    return list;
  }

  /** A matrix as a list of rows, see {@link #list(double[])}. */
  public static List<List<Double>> list(double[][] matrix) {
    List<List<Double>> rows = new ArrayList<>(matrix.length);
    for (double[] row : matrix) {
      rows.add(list(row));
    }
    return rows;
  }

  /** A finite double checked for storage, since JSON has no NaN or infinity. */
  public static double finite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalStateException("Refusing to store a non-finite number in state: " + value);
    }
    return value;
  }
}
