package io.github.syntheticpatients.runtime;

import java.nio.file.Path;

/**
 * What {@link io.github.syntheticpatients.runtime.sampling.Generation#generate} wrote.
 *
 * @param output the data file
 * @param provenance the provenance file next to it
 * @param rows records written (for a longitudinal model, visit rows)
 * @param seed the seed used
 * @param modelId the model's id
 * @param modelSha256 sha256 of the model file
 * @param acceptanceRate rejection-sampling acceptance rate (1.0 without range conditions)
 * @param patients patients written by a longitudinal model; 0 for a tabular model, whose rows are
 *     the patients
 */
public record GenerateResult(
    Path output,
    Path provenance,
    long rows,
    long seed,
    String modelId,
    String modelSha256,
    double acceptanceRate,
    long patients) {

  /** Whether the model was longitudinal (the output has one row per visit). */
  public boolean longitudinal() {
    return patients > 0;
  }
}
