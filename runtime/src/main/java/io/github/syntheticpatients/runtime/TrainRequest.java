package io.github.syntheticpatients.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Learn a model from a CSV.
 *
 * @param input the training CSV
 * @param schemaFile an edited JSON schema, or null to infer one
 * @param output the model file to write; replaced atomically
 * @param settings generator, epochs, batch size, seed, options
 * @param force retrain even when the output is up to date
 */
public record TrainRequest(Path input, Path schemaFile, Path output, TrainSettings settings, boolean force) {
  public TrainRequest {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    settings = Objects.requireNonNullElse(settings, TrainSettings.defaults());
  }
}
