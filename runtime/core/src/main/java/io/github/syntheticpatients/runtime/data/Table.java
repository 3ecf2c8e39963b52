package io.github.syntheticpatients.runtime.data;

import io.github.syntheticpatients.runtime.TableView;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Objects;

/**
 * A patient table held column by column in primitive arrays, so a million rows cost 8 bytes a cell
 * rather than a Java object each.
 *
 * <p>Cell values by column kind: NUMERIC and INTEGER the number; DATE the epoch day; DATETIME epoch
 * seconds (UTC); BINARY and CATEGORICAL the index of the category in {@link
 * ColumnSchema#categories()}; IDENTIFIER and dropped columns are not stored (always NaN). A missing
 * value is NaN.
 */
public final class Table implements TableView {
  private final TableSchema schema;
  private final double[][] columns;
  private final int rows;

  /**
   * @param schema the schema, one entry per array in {@code columns}
   * @param columns one array per schema column, all of length {@code rows}
   */
  public Table(TableSchema schema, double[][] columns) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.columns = Objects.requireNonNull(columns, "columns");
    if (columns.length != schema.columns().size()) {
      throw new IllegalArgumentException(
          "Table has "
              + columns.length
              + " column arrays but schema has "
              + schema.columns().size());
    }
    this.rows = columns.length == 0 ? 0 : columns[0].length;
    for (double[] column : columns) {
      if (column.length != rows) {
        throw new IllegalArgumentException("Column arrays differ in length");
      }
    }
  }

  /**
   * The table behind a view the runtime handed out ({@link
   * io.github.syntheticpatients.runtime.SampleResult#table()}).
   *
   * @throws IllegalArgumentException for a view some other code implemented
   */
  public static Table of(TableView view) {
    if (view instanceof Table table) {
      return table;
    }
    throw new IllegalArgumentException(
        "not a table the runtime sampled: " + view.getClass().getName());
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  public int rowCount() {
    return rows;
  }

  public int columnCount() {
    return columns.length;
  }

  /** The cell at (row, column); NaN when missing. */
  public double value(int row, int column) {
    return columns[column][row];
  }

  /** The live array of one column; callers must not modify it. */
  public double[] column(int column) {
    return columns[column];
  }

  /** The live array of the named column. */
  public double[] column(String name) {
    int index = schema.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("No column '" + name + "'");
    }
    return columns[index];
  }

  /** A new table with the given rows, in the given order. */
  public Table selectRows(int[] rowIndexes) {
    double[][] selected = new double[columns.length][rowIndexes.length];
    for (int c = 0; c < columns.length; c++) {
      double[] source = columns[c];
      double[] target = selected[c];
      for (int i = 0; i < rowIndexes.length; i++) {
        target[i] = source[rowIndexes[i]];
      }
    }
    return new Table(schema, selected);
  }
}
