package io.github.syntheticpatients.runtime;

import java.util.List;

/**
 * Sampled records. For a longitudinal model the request's {@code rows} counts patients; {@code
 * table} and {@code records} then hold one row per visit in long format (patient id, static
 * attributes, time, time-varying values), and {@code timelines} the same patients one by one.
 *
 * @param table the records as a columnar table (identifier columns hold generated ids in {@code
 *     records})
 * @param records the records as typed rows, identifiers included
 * @param acceptanceRate share of generated candidates kept by rejection for range conditions (1.0
 *     without)
 * @param timelines the patients of a longitudinal model, in order; empty for tabular models
 */
public record SampleResult(
    TableView table,
    List<PatientRecord> records,
    double acceptanceRate,
    List<PatientTimeline> timelines) {
  public SampleResult {
    // Not copied: the sampler hands over a read-only list that builds each record on first access.
    records = java.util.Collections.unmodifiableList(records);
    timelines = java.util.Collections.unmodifiableList(timelines);
  }

  /** A tabular result (no timelines). */
  public SampleResult(TableView table, List<PatientRecord> records, double acceptanceRate) {
    this(table, records, acceptanceRate, List.of());
  }
}
