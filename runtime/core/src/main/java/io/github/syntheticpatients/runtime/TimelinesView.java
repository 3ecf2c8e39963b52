package io.github.syntheticpatients.runtime;

/**
 * A read-only view of longitudinal data read by the runtime: every patient's visits in long format,
 * grouped by patient and ordered by time within one. Patient {@code p}'s visits are rows {@code
 * [firstRow(p), firstRow(p) + visitCount(p))} of {@link #visits()}.
 */
public interface TimelinesView {
  /** The longitudinal schema of the visits. */
  SchemaView schema();

  /** The visit rows of all patients. */
  TableView visits();

  /** How many patients. */
  int patientCount();

  /** How many visits patient {@code patient} has (at least one). */
  int visitCount(int patient);

  /** The row of {@link #visits()} that holds the patient's first visit. */
  int firstRow(int patient);

  /** The patient's id as read. */
  String id(int patient);
}
