package io.github.syntheticpatients.runtime.data;

/**
 * The lowest and highest value a model generates in a continuous column, in the column's table
 * units (epoch day or second for dates): its protected range, which no sampled value leaves.
 *
 * @param min the lowest value generated
 * @param max the highest value generated
 */
public record ValueRange(double min, double max) {
  public ValueRange {
    if (!(min <= max)) {
      throw new IllegalArgumentException(
          "A value range needs min <= max, got " + min + " > " + max);
    }
  }
}
