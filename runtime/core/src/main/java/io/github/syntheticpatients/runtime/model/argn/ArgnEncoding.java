package io.github.syntheticpatients.runtime.model.argn;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.ArgnColumn;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's learned columns as a row of discrete symbols (sub-columns), in schema order: the
 * autoregressive generator's vocabulary. Sub-columns of one column stay adjacent, the bin before
 * the position inside it.
 */
public final class ArgnEncoding {
  private final TableSchema schema;
  private final List<ArgnColumn> columns;
  private final int[] columnIndex;
  private final int[] firstSub;
  private final int[] subColumnOf;
  private final int[] vocabulary;

  public ArgnEncoding(TableSchema schema, List<ArgnColumn> columns) {
    this.schema = schema;
    this.columns = List.copyOf(columns);
    columnIndex = new int[columns.size()];
    firstSub = new int[columns.size() + 1];
    List<Integer> owners = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      ArgnColumn column = columns.get(c);
      columnIndex[c] = schema.indexOf(column.name());
      ColumnSchema described = schema.columns().get(columnIndex[c]);
      if (!described.isLearned()) {
        throw new IllegalArgumentException(
            "Column '" + column.name() + "' is not learned by the schema");
      }
      firstSub[c] = owners.size();
      for (int part = 0; part < column.subColumns(); part++) {
        owners.add(c);
        sizes.add(column.vocabulary(part));
      }
    }
    firstSub[columns.size()] = owners.size();
    subColumnOf = owners.stream().mapToInt(Integer::intValue).toArray();
    vocabulary = sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  public TableSchema schema() {
    return schema;
  }

  public List<ArgnColumn> columns() {
    return columns;
  }

  /** The number of sub-columns. */
  public int width() {
    return vocabulary.length;
  }

  /** The number of symbols of each sub-column. */
  public int[] vocabulary() {
    return vocabulary.clone();
  }

  /** The column (index into {@link #columns()}) each sub-column belongs to. */
  public int[] owners() {
    return subColumnOf.clone();
  }

  /**
   * The first sub-column of column {@code c}; {@code firstSubColumn(columns().size())} is width.
   */
  public int firstSubColumn(int c) {
    return firstSub[c];
  }

  /** The position in {@link #columns()} of the column named {@code name}, or -1. */
  public int columnNamed(String name) {
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).name().equals(name)) {
        return c;
      }
    }
    return -1;
  }

  /** Every row's symbols, {@code rows × width()} row-major. */
  public int[] encode(Table table) {
    int rows = table.rowCount();
    int width = width();
    int[] codes = new int[rows * width];
    for (int c = 0; c < columns.size(); c++) {
      ArgnColumn column = columns.get(c);
      double[] values = table.column(column.name());
      for (int row = 0; row < rows; row++) {
        column.encode(values[row], codes, row * width + firstSub[c]);
      }
    }
    return codes;
  }

  /**
   * Decodes rows of symbols into a table over the full schema (columns that are not learned are
   * missing); numeric values draw their place inside the bin from {@code random}, row by row.
   */
  public Table decode(int[] codes, int rows, RandomStream random) {
    double[][] table = new double[schema.columns().size()][];
    for (int i = 0; i < table.length; i++) {
      table[i] = new double[rows];
      Arrays.fill(table[i], Double.NaN);
    }
    decodeInto(codes, rows, random, table, 0);
    return new Table(schema, table);
  }

  /**
   * Decodes {@code rows} rows of symbols into the learned columns of {@code table} (indexed like
   * the schema's columns) from row {@code firstRow}.
   */
  public void decodeInto(
      int[] codes, int rows, RandomStream random, double[][] table, int firstRow) {
    decodeInto(codes, rows, random, table, firstRow, new long[columns.size()][]);
  }

  /**
   * As {@link #decodeInto(int[], int, RandomStream, double[][], int)}, with the values of column c
   * drawn among the grid points {@code within[c]} ({@code {from, to}}, see {@link
   * ArgnColumn#decodeWithin}) where that is not null.
   */
  public void decodeInto(
      int[] codes, int rows, RandomStream random, double[][] table, int firstRow, long[][] within) {
    int width = width();
    for (int row = 0; row < rows; row++) {
      for (int c = 0; c < columns.size(); c++) {
        int at = row * width + firstSub[c];
        ArgnColumn column = columns.get(c);
        table[columnIndex[c]][firstRow + row] =
            within[c] == null
                ? column.decode(codes, at, random)
                : column.decodeWithin(codes, at, random, within[c][0], within[c][1]);
      }
    }
  }

  /** The state as plain data for {@code model.json}. */
  public Map<String, Object> state() {
    List<Object> list = new ArrayList<>();
    for (ArgnColumn column : columns) {
      list.add(column.state());
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("columns", list);
    return state;
  }

  /** Reads {@link #state()} against the model's schema. */
  @SuppressWarnings("unchecked")
  public static ArgnEncoding fromState(TableSchema schema, Map<String, Object> state) {
    Object list = state.get("columns");
    if (!(list instanceof List<?> items)) {
      throw new IllegalArgumentException("the argn encoding has no columns");
    }
    List<ArgnColumn> columns = new ArrayList<>();
    for (Object item : items) {
      columns.add(ArgnColumn.fromState((Map<String, Object>) item));
    }
    return new ArgnEncoding(schema, columns);
  }
}
