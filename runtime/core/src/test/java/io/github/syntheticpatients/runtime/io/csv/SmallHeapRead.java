package io.github.syntheticpatients.runtime.io.csv;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link CsvStreamingTest} in a JVM with a small heap: reads an {@code id,age} CSV either
 * through {@link CsvTableReader} ({@code table}) or as lines of text ({@code lines}, the control
 * that must not fit).
 */
final class SmallHeapRead {
  static final TableSchema SCHEMA =
      new TableSchema(
          List.of(
              new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
              new ColumnSchema("age", ColumnKind.INTEGER, false, 0, List.of(), 0, false)),
          null,
          null,
          null);

  private SmallHeapRead() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "table" -> {
        Table table = CsvTableReader.read(file, SCHEMA, CsvOptions.defaults());
        double sum = 0;
        for (double age : table.column("age")) {
          sum += age;
        }
        System.out.printf("rows=%d ageSum=%.0f%n", table.rowCount(), sum);
      }
      case "lines" -> System.out.printf("lines=%d%n", Files.readAllLines(file).size());
      default -> throw new IllegalArgumentException("mode is table or lines");
    }
  }
}
