package io.github.syntheticpatients.runtime.io.csv;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes records as CSV: UTF-8 without byte order mark, comma-separated, a header line, {@code \n}
 * line ends, fields quoted only when needed, missing values as empty fields, values as {@link
 * ValueFormat#format}. The same records give the same bytes. The file appears complete or not at
 * all.
 */
public final class CsvRecordWriter {
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private CsvRecordWriter() {}

  /**
   * Writes the file atomically, replacing any existing one.
   *
   * @param out the file to write
   * @param columns the columns to write, in order; each record must have them all
   * @param records the rows, iterated once (a list, or a stream's iterator for output larger than
   *     memory)
   * @throws java.util.NoSuchElementException if a record lacks one of the columns
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void write(Path out, List<String> columns, Iterable<PatientRecord> records) {
    AtomicFiles.write(
        out,
        stream -> {
          Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
          CSVPrinter printer = new CSVPrinter(writer, FORMAT);
          printer.printRecord(columns);
          String[] fields = new String[columns.size()];
          for (PatientRecord record : records) {
            for (int c = 0; c < fields.length; c++) {
              fields[c] = ValueFormat.format(record.get(columns.get(c)));
            }
            printer.printRecord((Object[]) fields);
          }
          printer.flush();
        });
  }
}
