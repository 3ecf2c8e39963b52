package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
   * The first {@code rows} rows of {@code sample(blockRows, fixed, random)}, which is how a request
   * for fewer records than a block takes its records. This default samples the whole block and
   * keeps its first rows; a sampler whose rows are drawn one after another from {@code random}
   * overrides it to sample only those rows.
   *
   * @param rows rows wanted, at most {@code blockRows}
   * @param blockRows the block's size
   * @param fixed as for {@link #sample}
   * @param random as for {@link #sample}
   */
  default Table sampleFirst(
      int rows, int blockRows, Map<String, Integer> fixed, RandomStream random) {
    Table block = sample(blockRows, fixed, random);
    if (rows == blockRows) {
      return block;
    }
    int[] first = new int[rows];
    java.util.Arrays.setAll(first, i -> i);
    return block.selectRows(first);
  }

  /**
   * The columns this sampler can fix without rejection (through a conditional vector, or the
   * copula's exact conditioning), best first for the given requests; an empty map when it cannot
   * fix any. Class balancing ({@link BalancedSampling}) asks this for each class, so a generator
   * that implements it is balanced without rejection.
   */
  Map<String, Integer> conditionable(Map<String, Integer> requested);

  /**
   * The range this sampler's values of a continuous column lie in, for refusing a condition no
   * sampled value can meet before any sampling ({@link ConditionFeasibility}); empty when the
   * sampler does not bound the column.
   */
  default Optional<ValueRange> valueRange(String column) {
    return Optional.empty();
  }

  /**
   * The numeric range conditions this sampler meets by construction, without rejection: every row
   * {@link #sample(int, Map, Map, RandomStream)} returns lies inside them. None by default.
   */
  default Set<String> rangeConditionable(Map<String, Conditions.Range> requested) {
    return Set.of();
  }

  /**
   * As {@link #sample(int, Map, RandomStream)}, every row inside {@code ranges} (only ranges from
   * {@link #rangeConditionable} are passed).
   */
  default Table sample(
      int rows,
      Map<String, Integer> fixed,
      Map<String, Conditions.Range> ranges,
      RandomStream random) {
    if (!ranges.isEmpty()) {
      throw new IllegalArgumentException("this sampler meets no range conditions: " + ranges);
    }
    return sample(rows, fixed, random);
  }
}
