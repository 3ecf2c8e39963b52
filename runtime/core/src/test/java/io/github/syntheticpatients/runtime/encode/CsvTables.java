package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.nio.file.Path;

/**
 * Test helper: a real dataset from {@code src/test/resources/data}, read with its inferred schema.
 */
public final class CsvTables {
  private CsvTables() {}

  public static Table load(String name) {
    Path file = TestData.path(name + ".csv");
    TableSchema schema = SchemaInference.infer(file, CsvOptions.defaults());
    return CsvTableReader.read(file, schema, CsvOptions.defaults());
  }
}
