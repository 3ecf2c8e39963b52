package io.github.syntheticpatients.runtime.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded three-way split of row indexes, made before anything is fitted: the privacy holdout
 * (never seen by the generator, used only by the privacy gate), the validation part (used to choose
 * among training snapshots; the timeline argn's value protection also counts its patients), and the
 * training part.
 *
 * @param train rows the generator learns from
 * @param validation rows that choose the snapshot
 * @param holdout rows the privacy gate compares against
 */
record DataSplit(int[] train, int[] validation, int[] holdout) {

  /**
   * @param rows number of rows
   * @param holdoutFraction share of all rows held out for the privacy gate
   * @param validationFraction share of the remaining rows used for model selection
   * @param seed shuffles the rows
   */
  static DataSplit of(int rows, double holdoutFraction, double validationFraction, long seed) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int holdout = (int) Math.round(rows * holdoutFraction);
    int validation = (int) Math.round((rows - holdout) * validationFraction);
    int[] holdoutRows = sorted(Arrays.copyOfRange(order, 0, holdout));
    int[] validationRows = sorted(Arrays.copyOfRange(order, holdout, holdout + validation));
    int[] trainRows = sorted(Arrays.copyOfRange(order, holdout + validation, rows));
    return new DataSplit(trainRows, validationRows, holdoutRows);
  }

  private static int[] sorted(int[] values) {
    Arrays.sort(values);
    return values;
  }
}
