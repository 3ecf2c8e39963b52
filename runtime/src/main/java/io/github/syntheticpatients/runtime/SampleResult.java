package io.github.syntheticpatients.runtime;

import io.github.syntheticpatients.runtime.data.Table;
import java.util.List;

/**
 * Sampled records.
 *
 * @param table the records as a columnar table (identifier columns hold generated ids in {@code records})
 * @param records the records as typed rows, identifiers included
 * @param acceptanceRate share of generated candidates kept by rejection for range conditions (1.0 without)
 */
public record SampleResult(Table table, List<PatientRecord> records, double acceptanceRate) {
  public SampleResult {
    // Not copied: the sampler hands over a read-only list that builds each record on first access.
    records = java.util.Collections.unmodifiableList(records);
  }
}
