package io.github.syntheticpatients.runtime.evaluation;

import io.github.syntheticpatients.runtime.schema.LongitudinalRoles;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
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
 * @param entityId the patient id column, which makes the CSVs longitudinal (long format, one row
 *     per visit; overrides the schema file's), or null
 * @param time the time column of longitudinal data (overrides the schema file's), or null; set both
 *     or neither
 * @param valueProtectionK the reports show no value that fewer than this many real records hold
 *     (histogram edges are the k-th smallest and largest values); default {@link
 *     ValueProtection#DEFAULT_K}, 1 turns it off
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
    Map<String, Double> thresholds,
    String entityId,
    String time,
    int valueProtectionK) {
  public EvaluateRequest {
    Objects.requireNonNull(synthetic, "synthetic");
    Objects.requireNonNull(real, "real");
    Objects.requireNonNull(reportDirectory, "reportDirectory");
    thresholds = Map.copyOf(Objects.requireNonNullElse(thresholds, Map.of()));
    entityId = blankToNull(entityId);
    time = blankToNull(time);
    LongitudinalRoles.bothOrNeither(entityId, time, LongitudinalRoles.Names.FIELDS);
    ValueProtection.checkK(valueProtectionK, ValueProtection.OPTION);
  }

  /** A request with the default value protection. */
  public EvaluateRequest(
      Path synthetic,
      Path real,
      Path holdout,
      Path schemaFile,
      Path reportDirectory,
      String target,
      String sensitiveColumn,
      long seed,
      Map<String, Double> thresholds,
      String entityId,
      String time) {
    this(
        synthetic,
        real,
        holdout,
        schemaFile,
        reportDirectory,
        target,
        sensitiveColumn,
        seed,
        thresholds,
        entityId,
        time,
        ValueProtection.DEFAULT_K);
  }

  /** A request whose longitudinal roles, if any, come from the schema file. */
  public EvaluateRequest(
      Path synthetic,
      Path real,
      Path holdout,
      Path schemaFile,
      Path reportDirectory,
      String target,
      String sensitiveColumn,
      long seed,
      Map<String, Double> thresholds) {
    this(
        synthetic,
        real,
        holdout,
        schemaFile,
        reportDirectory,
        target,
        sensitiveColumn,
        seed,
        thresholds,
        null,
        null);
  }

  /** The same request with the patient id and time columns named (long-format CSVs). */
  public EvaluateRequest withLongitudinal(String newEntityId, String newTime) {
    return new EvaluateRequest(
        synthetic,
        real,
        holdout,
        schemaFile,
        reportDirectory,
        target,
        sensitiveColumn,
        seed,
        thresholds,
        newEntityId,
        newTime,
        valueProtectionK);
  }

  /** The same request with another value protection k. */
  public EvaluateRequest withValueProtectionK(int value) {
    return new EvaluateRequest(
        synthetic,
        real,
        holdout,
        schemaFile,
        reportDirectory,
        target,
        sensitiveColumn,
        seed,
        thresholds,
        entityId,
        time,
        value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
