package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.model.BlockModel;
import io.github.syntheticpatients.runtime.model.TabularModel;
import io.github.syntheticpatients.runtime.model.TimelineModel;

/**
 * Samples any range of a model's records on its own: the entry point for code that spreads one
 * large sample over threads, processes or machines (a Spark partition, a worker of {@link
 * Generation}).
 *
 * <p>A model and a seed (and conditions) define one endless sequence of records, sampled in blocks
 * of {@link #size} records (patients for a longitudinal model; a timeline is never cut). Block
 * {@code b} draws from a stream derived from the seed, the model's content digest (not its wall
 * time) and {@code b} alone (docs/numerics.md, "Blocks"), so record {@code i} is the same whichever
 * request, range, thread or machine samples it: {@code model.sample(SampleRequest.of(n, seed))}
 * gives records {@code [0, n)}, and
 *
 * <pre>{@code
 * SyntheticModel model = ModelLoader.load("default");
 * long first = 3L * Blocks.size(model);           // block 3
 * SampleResult block = Blocks.sample(model, SampleRequest.of(Blocks.size(model), 42), first);
 * }</pre>
 *
 * gives records {@code [first, first + size)} of the same sequence, equal to those records of any
 * larger sample at seed 42. Ranges need not be aligned to blocks; aligned ones waste nothing.
 * Generated identifiers (the sequence id, e-mails, names) number the whole sequence: record {@code
 * i} has id {@code i + 1}.
 */
public final class Blocks {
  /** Records per block of a tabular model: a constant of the format. */
  public static final int RECORDS_PER_BLOCK = TabularModel.BLOCK_RECORDS;

  /** Patients per block of a longitudinal model: a constant of the format. */
  public static final int PATIENTS_PER_BLOCK = TimelineModel.BLOCK_PATIENTS;

  private Blocks() {}

  /**
   * Records per block of this model ({@value #RECORDS_PER_BLOCK}), or patients for a longitudinal
   * one ({@value #PATIENTS_PER_BLOCK}).
   *
   * @throws IllegalArgumentException for a model {@link ModelLoader} did not load
   */
  public static int size(SyntheticModel model) {
    return blockModel(model).blockSize();
  }

  /**
   * Records {@code [first, first + request.rows())} of the sequence for the request's seed and
   * conditions (patients, with all their visits, for a longitudinal model). The records and
   * timelines come in sequence order; generated ids number the whole sequence.
   *
   * @param model a model {@link ModelLoader} loaded
   * @param request how many records, the seed, the conditions and the time budget for rejection
   *     (which applies to each block)
   * @param first the index of the first record, from 0
   * @throws io.github.syntheticpatients.runtime.InvalidInputException naming {@code first} when it
   *     is negative, {@code rows} when the range is larger than one in-memory sample holds ({@link
   *     io.github.syntheticpatients.runtime.SampleLimits}), {@code conditions} as {@link
   *     SyntheticModel#sample} does
   * @throws IllegalArgumentException for a model {@link ModelLoader} did not load
   */
  public static SampleResult sample(SyntheticModel model, SampleRequest request, long first) {
    return blockModel(model).sample(request, first);
  }

  /** The runtime's model behind the API interface, for the facades of this package. */
  static BlockModel blockModel(SyntheticModel model) {
    if (model instanceof BlockModel blocks) {
      return blocks;
    }
    throw new IllegalArgumentException(
        "Blocks samples models that ModelLoader loaded, not a "
            + model.getClass().getName()
            + "; load the model with ModelLoader.load(reference)");
  }
}
