package io.github.syntheticpatients.runtime.io.csv;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
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
          print(printer, columns, records);
          printer.flush();
        });
  }

  /** The header line of a file {@link #write} writes, as UTF-8 bytes. */
  public static byte[] header(List<String> columns) {
    StringBuilder text = new StringBuilder();
    try {
      new CSVPrinter(text, FORMAT).printRecord(columns);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The lines of these records as {@link #write} writes them after the header, as UTF-8 bytes: a
   * file is its header followed by the lines of its parts, so parts can be formatted on several
   * threads and written in order.
   *
   * @throws java.util.NoSuchElementException if a record lacks one of the columns
   */
  public static byte[] lines(List<String> columns, Iterable<PatientRecord> records) {
    StringBuilder text = new StringBuilder();
    try {
      print(new CSVPrinter(text, FORMAT), columns, records);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void print(
      CSVPrinter printer, List<String> columns, Iterable<PatientRecord> records)
      throws IOException {
    String[] fields = new String[columns.size()];
    for (PatientRecord record : records) {
      for (int c = 0; c < fields.length; c++) {
        fields[c] = ValueFormat.format(record.get(columns.get(c)));
      }
      printer.printRecord((Object[]) fields);
    }
  }
}
