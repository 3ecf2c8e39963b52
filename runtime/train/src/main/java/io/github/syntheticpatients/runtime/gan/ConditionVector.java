package io.github.syntheticpatients.runtime.gan;

import java.util.List;

/**
 * The generator's conditional input: the one-hot parts of the discrete columns, concatenated in
 * layout order. Sampling sets the one category of one column to 1 (or leaves the vector at zero
 * when there are no columns).
 *
 * @param columns the discrete columns in order of {@link ConditionColumn#condOffset()}
 * @param width total width of the vector
 */
public record ConditionVector(List<ConditionColumn> columns, int width) {

  /** No conditional input (the basic GAN, or a table without discrete columns). */
  public static final ConditionVector NONE = new ConditionVector(List.of(), 0);

  public ConditionVector {
    columns = List.copyOf(columns);
    int expected = 0;
    for (ConditionColumn column : columns) {
      if (column.condOffset() != expected) {
        throw new IllegalArgumentException(
            "Condition column " + column.column() + " does not start at " + expected);
      }
      expected = column.condEnd();
    }
    if (expected != width) {
      throw new IllegalArgumentException(
          "Condition columns cover " + expected + " positions, not " + width);
    }
  }
}
