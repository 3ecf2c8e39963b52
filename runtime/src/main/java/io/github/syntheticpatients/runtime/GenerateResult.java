package io.github.syntheticpatients.runtime;

import java.nio.file.Path;

/**
 * What {@link Generation#generate} wrote.
 *
 * @param output the data file
 * @param provenance the provenance file next to it
 * @param rows records written
 * @param seed the seed used
 * @param modelId the model's id
 * @param modelSha256 sha256 of the model file
 * @param acceptanceRate rejection-sampling acceptance rate (1.0 without range conditions)
 */
public record GenerateResult(
    Path output, Path provenance, int rows, long seed, String modelId, String modelSha256, double acceptanceRate) {}
