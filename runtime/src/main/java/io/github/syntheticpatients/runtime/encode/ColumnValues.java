package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;

/** Checks a table column's cells against its schema before a model learns from them. */
public final class ColumnValues {
  private ColumnValues() {}

  /**
   * Checks that a column's cells agree with its schema: NaN only when nullable, no infinities, category indexes
   * that exist.
   *
   * @throws InvalidInputException naming the column and data row, and how to fix it
   */
  public static void check(ColumnSchema column, double[] values) {
    boolean discrete = column.kind().isDiscrete();
    int categories = column.categories().size();
    for (int row = 0; row < values.length; row++) {
      double v = values[row];
      if (Double.isNaN(v)) {
        if (!column.nullable()) {
          throw InvalidInputException.inParameter(
              "schema",
              "Column '" + column.name() + "' is missing in data row " + (row + 1)
                  + " but the schema marks it not nullable; set \"nullable\": true for it in the schema");
        }
      } else if (Double.isInfinite(v)) {
        throw InvalidInputException.inParameter(
            "schema",
            "Column '" + column.name() + "' holds an infinite value in data row " + (row + 1)
                + "; replace it with a finite number or leave the cell empty (missing)");
      } else if (discrete && (v != Math.rint(v) || v < 0 || v >= categories)) {
        throw InvalidInputException.inParameter(
            "schema",
            "Column '" + column.name() + "' holds category index " + v + " in data row " + (row + 1)
                + " but the schema lists only " + categories + " categories " + column.categories()
                + "; add the category to the schema");
      }
    }
  }
}
