package io.github.syntheticpatients.runtime;

/**
 * A read-only view of a sampled table in the runtime's numeric encoding: one double per cell,
 * categories as their index in the column's category list, dates as day numbers, missing values as
 * NaN. {@link SampleResult#records()} holds the same rows as typed values.
 */
public interface TableView {
  /** The table's schema. */
  SchemaView schema();

  /** How many rows. */
  int rowCount();

  /** How many columns ({@code schema().columns().size()}). */
  int columnCount();

  /** One cell. */
  double value(int row, int column);

  /** One column's cells; callers must not modify the array. */
  double[] column(int column);

  /** The named column's cells; callers must not modify the array. */
  double[] column(String name);
}
