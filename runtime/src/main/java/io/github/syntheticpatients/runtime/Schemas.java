package io.github.syntheticpatients.runtime;

import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.nio.file.Path;

/** Infers, reads and writes table schemas. */
public final class Schemas {
  private Schemas() {}

  /** Infers the schema of a CSV (streaming; the file may be large). */
  public static TableSchema infer(Path csv) {
    throw new UnsupportedOperationException("schema inference arrives with the CSV work");
  }

  /** Reads an editable JSON schema. */
  public static TableSchema read(Path json) {
    throw new UnsupportedOperationException("schema JSON arrives with the CSV work");
  }

  /** Writes an editable JSON schema atomically. */
  public static void write(TableSchema schema, Path json) {
    throw new UnsupportedOperationException("schema JSON arrives with the CSV work");
  }
}
