package io.github.syntheticpatients.runtime;

import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
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
