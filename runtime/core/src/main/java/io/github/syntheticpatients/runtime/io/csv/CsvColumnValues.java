package io.github.syntheticpatients.runtime.io.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** One column's raw values of a plain comma-separated file with a header, record by record. */
public final class CsvColumnValues {
  private CsvColumnValues() {}

  /**
   * The trimmed values of the named column, one per record, or empty when the file cannot be parsed
   * as such a CSV or has no such column. For callers that can fall back to another reading, so no
   * error is raised.
   */
  public static Optional<List<String>> read(Path file, String column) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<CSVRecord> records = parser.getRecords();
      if (!parser.getHeaderMap().containsKey(column)) {
        return Optional.empty();
      }
      List<String> values = new ArrayList<>(records.size());
      for (CSVRecord record : records) {
        values.add(record.get(column).trim());
      }
      return Optional.of(values);
    } catch (IOException
        | UncheckedIOException
        | IllegalArgumentException
        | IllegalStateException e) {
      return Optional.empty();
    }
  }
}
