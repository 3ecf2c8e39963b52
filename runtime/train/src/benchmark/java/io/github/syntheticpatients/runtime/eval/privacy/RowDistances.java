package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.data.Table;

/**
 * For benchmarks: each row's distance to its nearest synthetic row, in the gate's own distance
 * ({@link MixedDistance} fitted on the training table) and in the table's row order, so that the
 * distance attack's members can be split by where they came from (the gate itself scores a
 * permutation of the rows).
 */
public final class RowDistances {
  private RowDistances() {}

  /**
   * @param train the table the distance's numeric ranges come from (the gate's T)
   * @param queries the rows to score, in their order
   * @param synthetic the synthetic rows
   */
  public static double[] nearestSynthetic(Table train, Table queries, Table synthetic) {
    MixedDistance distance = MixedDistance.fittedOn(train);
    return distance.nearest(distance.rows(queries), distance.rows(synthetic), false);
  }
}
