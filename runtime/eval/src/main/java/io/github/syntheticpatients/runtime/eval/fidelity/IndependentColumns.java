package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Table;
import java.util.SplittableRandom;

/**
 * The tabular baseline ("independent columns"), the floor a generator must beat: each column
 * sampled independently, with replacement, from the table's own values (missing values included).
 * It keeps every column shape and breaks every relationship between columns.
 */
public final class IndependentColumns {
  private IndependentColumns() {}

  /** {@code rows} rows drawn column by column from {@code source} with the seed. */
  public static Table sample(Table source, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] c = new double[source.columnCount()][rows];
    for (int col = 0; col < source.columnCount(); col++) {
      double[] values = source.column(col);
      for (int i = 0; i < rows; i++) {
        c[col][i] = values[random.nextInt(values.length)];
      }
    }
    return new Table(source.schema(), c);
  }
}
