package io.github.syntheticpatients.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Learn a model from a CSV, or from a directory of per-patient files for longitudinal data.
 *
 * @param input the training CSV; for longitudinal data also a long-format CSV (one row per visit)
 *     or a directory scanned recursively for per-patient {@code .psv} / {@code .csv} files
 * @param schemaFile an edited JSON schema, or null to infer one
 * @param output the model file to write; replaced atomically
 * @param settings generator, epochs, batch size, seed, options
 * @param force retrain even when the output is up to date
 * @param entityId the patient id column, which makes the data longitudinal (overrides the
 *     schema's), or null
 * @param time the time column of longitudinal data (overrides the schema's), or null
 */
public record TrainRequest(
    Path input,
    Path schemaFile,
    Path output,
    TrainSettings settings,
    boolean force,
    String entityId,
    String time) {
  public TrainRequest {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    settings = Objects.requireNonNullElse(settings, TrainSettings.defaults());
    entityId = blankToNull(entityId);
    time = blankToNull(time);
  }

  /** A request whose longitudinal roles, if any, come from the schema. */
  public TrainRequest(
      Path input, Path schemaFile, Path output, TrainSettings settings, boolean force) {
    this(input, schemaFile, output, settings, force, null, null);
  }

  /** The same request with the patient id and time columns named. */
  public TrainRequest withLongitudinal(String newEntityId, String newTime) {
    return new TrainRequest(input, schemaFile, output, settings, force, newEntityId, newTime);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
