package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Map;

/**
 * Generates table rows from a trained model; stateless, so it is safe to use from several threads.
 */
interface RowSampler {

  /**
   * Samples rows.
   *
   * @param rows number of rows
   * @param fixed categories to fix through the generator's conditional vector: column to category
   *     index; only columns in {@link #conditionable} are passed
   * @param random the source of randomness, consumed deterministically
   * @return a table over the model's full schema
   */
  Table sample(int rows, Map<String, Integer> fixed, RandomStream random);

  /**
   * The columns this sampler can fix without rejection, best first for the given requests (an empty
   * map when it has no conditional vector).
   */
  Map<String, Integer> conditionable(Map<String, Integer> requested);
}
