package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.SampleLimits;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;

/**
 * A model whose records are sampled in fixed-size blocks, each from its own stream ({@link
 * io.github.syntheticpatients.runtime.random.RandomStream#forBlock}), so that record {@code i} of a
 * seed is the same however the records are cut: by request size, threads, partitions or machines.
 * The API facade {@code sampling.Blocks} reads models through this interface.
 */
public interface BlockModel extends SyntheticModel {

  /** Records per block (patients for a longitudinal model): a constant of the format. */
  int blockSize();

  /**
   * Records {@code [first, first + request.rows())} of the sequence this model samples for the
   * request's seed and conditions; {@link #sample(SampleRequest)} is the same with {@code first} 0.
   * Blocks are sampled in parallel in the current fork-join pool.
   *
   * @throws io.github.syntheticpatients.runtime.InvalidInputException naming {@code rows} when the
   *     request holds more than {@link io.github.syntheticpatients.runtime.SampleLimits} allows, or
   *     {@code first} is negative
   */
  SampleResult sample(SampleRequest request, long first);

  @Override
  default SampleResult sample(SampleRequest request) {
    return sample(request, 0);
  }

  /**
   * Refuses a range that one in-memory sample cannot hold, pointing to the streaming path.
   *
   * @param longitudinal whether the count is in patients
   */
  static void requireRange(SampleRequest request, long first, boolean longitudinal) {
    if (first < 0) {
      throw InvalidInputException.inParameter(
          "first", "The first record's index must be 0 or more, was " + first);
    }
    if (first > Long.MAX_VALUE - request.rows()) {
      throw InvalidInputException.inParameter(
          "first", "Records " + first + " + " + request.rows() + " run past the last index");
    }
    SampleLimits.problem(request.rows(), longitudinal)
        .ifPresent(
            problem -> {
              throw InvalidInputException.inParameter(
                  "rows",
                  problem
                      + ". Ask for at most "
                      + SampleLimits.max(longitudinal)
                      + " at once; Generation.generate (synthetic:generate) streams any count to"
                      + " a file, and Blocks.sample takes the records a range at a time.");
            });
  }
}
