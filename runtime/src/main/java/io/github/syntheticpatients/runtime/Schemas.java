package io.github.syntheticpatients.runtime;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.schema.SchemaInference;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.nio.file.Path;

/**
 * Infers, reads and writes table schemas. A typical flow infers a schema from the real CSV once, writes it as
 * JSON for a person to check and edit (set the target, mark a code column categorical, drop a column), and reads
 * the edited file for training.
 */
public final class Schemas {
  private Schemas() {}

  /**
   * Infers the schema of a CSV (streaming; the file may be large), with the delimiter detected and the default
   * missing-value tokens (empty, {@code NA}, {@code NaN}, {@code null}, {@code ?}). The rules are described in
   * {@link SchemaInference}.
   *
   * @throws InvalidInputException if the CSV is empty, has no data rows, duplicate column names or ragged rows
   */
  public static TableSchema infer(Path csv) {
    return SchemaInference.infer(csv, CsvOptions.defaults());
  }

  /**
   * Infers a longitudinal schema (one row per patient visit) from a long-format CSV or a directory of per-patient
   * files such as PhysioNet's {@code .psv} (pipe-separated, scanned recursively), with the default CSV options:
   * column kinds by the {@link SchemaInference} rules over all visits, the patient id column an identifier, the
   * time column continuous, and each column marked static (constant within every patient) or time-varying as
   * described in {@link SchemaInference#inferLongitudinal}.
   *
   * @param input a long-format CSV, or a directory of per-patient {@code .psv} / {@code .csv} files
   * @param entityId the patient id column ({@code synthetic.entityId}); when a directory's files lack it, each file
   *     is one patient named by its file name and the schema gets the column first
   * @param time the time column ({@code synthetic.time})
   * @throws InvalidInputException if a column is not in the header, the time column holds text, a visit has no
   *     patient id, or a file is malformed
   */
  public static TableSchema infer(Path input, String entityId, String time) {
    return SchemaInference.inferLongitudinal(input, CsvOptions.defaults(), entityId, time);
  }

  /**
   * Reads longitudinal data into timelines grouped by patient and sorted by time, with the default CSV options
   * (delimiter detected, {@code .psv} files pipe-separated; missing-value tokens as in {@link #infer(Path)}).
   *
   * @param input a long-format CSV, or a directory of per-patient {@code .psv} / {@code .csv} files
   * @param schema a longitudinal schema (entity id and time set)
   * @throws InvalidInputException naming file, line and column of a value that does not fit the schema, a visit
   *     without patient id or time, or a static column that changes within a patient, with the fix
   */
  public static Timelines readTimelines(Path input, TableSchema schema) {
    return TimelineReader.read(input, schema, CsvOptions.defaults());
  }

  /**
   * Reads an editable JSON schema.
   *
   * @throws InvalidInputException naming the file, line and character of what is wrong, with the fix
   */
  public static TableSchema read(Path json) {
    return SchemaJson.read(json);
  }

  /** Writes an editable JSON schema atomically (deterministic bytes). */
  public static void write(TableSchema schema, Path json) {
    SchemaJson.write(schema, json);
  }
}
