package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.Arrays;

/** Checks a table column's cells against its schema before a model learns from them. */
public final class ColumnValues {
  private ColumnValues() {}

  /**
   * Checks that a column's cells agree with its schema: NaN only when nullable, no infinities,
   * category indexes that exist.
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
              "Column '"
                  + column.name()
                  + "' is missing in data row "
                  + (row + 1)
                  + " but the schema marks it not nullable; set \"nullable\": true for it in the schema");
        }
      } else if (Double.isInfinite(v)) {
        throw InvalidInputException.inParameter(
            "schema",
            "Column '"
                + column.name()
                + "' holds an infinite value in data row "
                + (row + 1)
                + "; replace it with a finite number or leave the cell empty (missing)");
      } else if (discrete && (v != Math.rint(v) || v < 0 || v >= categories)) {
        throw InvalidInputException.inParameter(
            "schema",
            "Column '"
                + column.name()
                + "' holds category index "
                + v
                + " in data row "
                + (row + 1)
                + " but the schema lists only "
                + categories
                + " categories "
                + column.categories()
                + "; add the category to the schema");
      }
    }
  }

  /**
   * The cells of a column withheld by value protection (too few present values to protect, {@link
   * io.github.syntheticpatients.runtime.schema.ProtectedValues#withheld()}): all missing, so
   * nothing of the column is learned and it is generated as missing.
   *
   * @throws InvalidInputException when the column is not nullable, since its values cannot be
   *     generated as missing
   */
  public static double[] withheld(ColumnSchema column, double[] values, int k) {
    int present = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        present++;
      }
    }
    if (present > 0 && !column.nullable()) {
      throw InvalidInputException.inParameter(
          ValueProtection.OPTION,
          "Column '"
              + column.name()
              + "' has only "
              + present
              + " values, too few for "
              + ValueProtection.OPTION
              + "="
              + k
              + " (k records at or beyond each stored bound needs about 2k - 1 values), so no value"
              + " of it can be stored without singling out a record; train on more rows,"
              + " drop the column in the schema, or lower "
              + ValueProtection.OPTION
              + " knowingly");
    }
    double[] missing = new double[values.length];
    Arrays.fill(missing, Double.NaN);
    return missing;
  }
}
