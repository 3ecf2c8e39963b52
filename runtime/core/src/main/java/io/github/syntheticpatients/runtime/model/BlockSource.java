package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.random.RandomStream;
import java.time.Duration;

/**
 * The first rows of one block of a request's sequence: {@link BlockRows} for conditions alone,
 * {@link BalancedSampling} when the request also asks for a class balance. Either way the first
 * {@code n} rows of a block are the same whatever {@code n}, so a record does not depend on how the
 * request was cut.
 */
interface BlockSource {

  /**
   * The first {@code count} rows of a block.
   *
   * @param count rows wanted, at most {@code blockSize}
   * @param blockSize the block's size
   * @param random the block's stream
   * @param timeBudget how long rejection may take for this block
   * @throws io.github.syntheticpatients.runtime.InvalidInputException when rejection runs out of
   *     time
   */
  BlockRows.Part first(int count, int blockSize, RandomStream random, Duration timeBudget);
}
