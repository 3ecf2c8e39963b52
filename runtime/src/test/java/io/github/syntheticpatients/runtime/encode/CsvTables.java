package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.ColumnKind;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Test-only loader for the unquoted comma-separated files in /work/shared/data: a column is IDENTIFIER when named
 * {@code id}, DATE when every value is an ISO date, INTEGER or NUMERIC when every value is a number (unless listed
 * as categorical), otherwise BINARY or CATEGORICAL; empty cells are missing.
 */
public final class CsvTables {
  public static final Path DATA = Path.of("/work/shared/data");

  private CsvTables() {}

  public static Table load(String name, String... categorical) {
    List<String> lines;
    try {
      lines = Files.readAllLines(DATA.resolve(name + ".csv"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[] header = lines.get(0).split(",", -1);
    int rows = lines.size() - 1;
    String[][] cells = new String[header.length][rows];
    for (int r = 0; r < rows; r++) {
      String[] fields = lines.get(r + 1).split(",", -1);
      for (int c = 0; c < header.length; c++) {
        cells[c][r] = fields[c];
      }
    }
    Set<String> forcedCategorical = Set.of(categorical);
    List<ColumnSchema> columns = new ArrayList<>();
    double[][] data = new double[header.length][rows];
    for (int c = 0; c < header.length; c++) {
      String[] column = cells[c];
      boolean nullable = false;
      boolean numeric = true;
      boolean whole = true;
      boolean date = true;
      Set<String> seen = new LinkedHashSet<>();
      int missing = 0;
      for (String cell : column) {
        if (cell.isEmpty()) {
          nullable = true;
          missing++;
          continue;
        }
        seen.add(cell);
        try {
          double v = Double.parseDouble(cell);
          whole &= v == Math.rint(v);
        } catch (NumberFormatException e) {
          numeric = false;
        }
        try {
          LocalDate.parse(cell);
        } catch (DateTimeParseException e) {
          date = false;
        }
      }
      ColumnKind kind;
      if (header[c].equals("id")) {
        kind = ColumnKind.IDENTIFIER;
      } else if (date && !seen.isEmpty()) {
        kind = ColumnKind.DATE;
      } else if (numeric && !forcedCategorical.contains(header[c])) {
        kind = whole ? ColumnKind.INTEGER : ColumnKind.NUMERIC;
      } else {
        kind = seen.size() == 2 ? ColumnKind.BINARY : ColumnKind.CATEGORICAL;
      }
      List<String> categories = kind.isDiscrete() ? List.copyOf(seen) : List.of();
      columns.add(new ColumnSchema(header[c], kind, nullable, (double) missing / rows, categories, 3, false));
      for (int r = 0; r < rows; r++) {
        String cell = column[r];
        data[c][r] =
            kind == ColumnKind.IDENTIFIER || cell.isEmpty()
                ? Double.NaN
                : switch (kind) {
                  case DATE -> LocalDate.parse(cell).toEpochDay();
                  case BINARY, CATEGORICAL -> categories.indexOf(cell);
                  default -> Double.parseDouble(cell);
                };
      }
    }
    return new Table(TableSchema.of(columns), data);
  }
}
