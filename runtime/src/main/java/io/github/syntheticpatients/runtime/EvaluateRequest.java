package io.github.syntheticpatients.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Compare a synthetic CSV with the real data it was trained on.
 *
 * @param synthetic the synthetic CSV
 * @param real the real training CSV
 * @param holdout real records the generator never saw, or null
 * @param schemaFile a JSON schema, or null to infer it from the real data
 * @param reportDirectory where {@code report.json} and {@code report.html} are written
 * @param target the outcome column for utility metrics, or null for the schema's target
 * @param sensitiveColumn a column for the attribute-disclosure check, or null
 * @param seed seed for subsampling and classifiers
 * @param thresholds privacy-gate thresholds overriding the defaults, by check name
 */
public record EvaluateRequest(
    Path synthetic,
    Path real,
    Path holdout,
    Path schemaFile,
    Path reportDirectory,
    String target,
    String sensitiveColumn,
    long seed,
    Map<String, Double> thresholds) {
  public EvaluateRequest {
    Objects.requireNonNull(synthetic, "synthetic");
    Objects.requireNonNull(real, "real");
    Objects.requireNonNull(reportDirectory, "reportDirectory");
    thresholds = Map.copyOf(Objects.requireNonNullElse(thresholds, Map.of()));
  }
}
