package io.github.syntheticpatients.runtime.gan;

import java.util.Objects;

/**
 * One discrete column that a conditional vector can fix.
 *
 * @param column the schema column's name
 * @param blockOffset where the column's CATEGORY block starts in the encoded row
 * @param condOffset where its one-hot part starts in the conditional vector
 * @param width number of categories (the block's width)
 * @param frequencies each category's share of the training rows (sums to 1); sampling draws
 *     unconditional conditional vectors from these, as CTGAN's {@code sample_original_condvec} does
 */
public record ConditionColumn(
    String column, int blockOffset, int condOffset, int width, double[] frequencies) {
  public ConditionColumn {
    Objects.requireNonNull(column, "column");
    if (frequencies.length != width) {
      throw new IllegalArgumentException(
          "Column "
              + column
              + " has "
              + width
              + " categories but "
              + frequencies.length
              + " frequencies");
    }
    frequencies = frequencies.clone();
  }

  @Override
  public double[] frequencies() {
    return frequencies.clone();
  }

  /** The position after this column's part of the conditional vector. */
  public int condEnd() {
    return condOffset + width;
  }
}
