package io.github.syntheticpatients.runtime.io.csv;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file row by row: the header first (checked for emptiness and duplicate names), then
 * one data row at a time, each checked to have as many fields as the header. Only the current row
 * is held, so files of any length stream through in constant memory.
 *
 * <p>Line numbers are the physical 1-based lines of the file (the header is line 1); a row whose
 * quoted field spans several lines is reported at the line where it starts. Blank lines are
 * skipped, except in a one-column file, where a blank line is a missing value.
 *
 * <p>With a decimal comma ({@link CsvOptions#decimalSeparator()} {@code ','}) in a file whose
 * delimiter is not a comma, {@link #field} hands out numbers with a decimal point ({@code 61,5} as
 * {@code 61.5}, {@code 1.234,5} as {@code 1234.5}), so everything downstream reads one notation. A
 * comma-separated file (synthetic output, say) is read with decimal points whatever the option.
 */
public final class CsvRowReader implements Closeable {
  /** The longest value a CSV cell may hold. */
  public static final int MAX_VALUE_CHARS = 1_000_000;

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Path file;
  private final CsvOptions options;
  private final char delimiter;
  private final boolean decimalComma;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private String[] current;
  private long previousEndLine;
  private long currentLine;
  private long rows;

  private CsvRowReader(Path file, CsvOptions options) {
    this.file = file;
    this.options = options;
    this.delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(file);
    Character separator = options.decimalSeparator();
    this.decimalComma = separator != null && separator == ',' && delimiter != ',';
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setQuote('"')
            .setIgnoreEmptyLines(false)
            .setTrim(true)
            .get();
    try {
      Reader reader = openSkippingBom(file);
      this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (IOException e) {
      throw readFailure(e, -1);
    }
    this.records = parser.iterator();
    try {
      this.header = readHeader();
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Opens a CSV file and reads its header.
   *
   * @throws InvalidInputException if the file is missing, empty, not UTF-8 or its header is
   *     malformed
   */
  public static CsvRowReader open(Path file, CsvOptions options) {
    return new CsvRowReader(file, options == null ? CsvOptions.defaults() : options);
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** The delimiter in use (given or detected). */
  public char delimiter() {
    return delimiter;
  }

  /** Whether numbers are read with a decimal comma (set so and the delimiter is not a comma). */
  public boolean decimalComma() {
    return decimalComma;
  }

  /** The column names from the header, trimmed, in file order. */
  public List<String> header() {
    return header;
  }

  /**
   * Moves to the next data row.
   *
   * @return false at the end of the file
   * @throws InvalidInputException if the row has another number of fields than the header, the file
   *     has no data rows, or the CSV is malformed (e.g. an unclosed quote)
   */
  public boolean next() {
    while (true) {
      CSVRecord record = nextRecord();
      if (record == null) {
        current = null;
        if (rows == 0) {
          throw InvalidInputException.inFile(
              file,
              -1,
              null,
              "the file has a header but no data rows; add at least one row below the header");
        }
        return false;
      }
      if (header.size() > 1 && record.size() == 1 && record.get(0).isEmpty()) {
        continue; // a blank line between rows
      }
      if (record.size() != header.size()) {
        throw InvalidInputException.inFile(
            file,
            currentLine,
            null,
            "the row has "
                + record.size()
                + " fields but the header has "
                + header.size()
                + "; check for a missing field, an extra delimiter '"
                + printable(delimiter)
                + "', or a value containing the delimiter that is not quoted with \"");
      }
      current = record.values();
      requireShortValues();
      rows++;
      return true;
    }
  }

  /**
   * Refuses a value longer than {@link #MAX_VALUE_CHARS}: no category or number is that long, and
   * it would end up in the model file, past the JSON reader's string limit, after all the training.
   */
  private void requireShortValues() {
    for (int c = 0; c < current.length; c++) {
      if (current[c].length() > MAX_VALUE_CHARS) {
        throw InvalidInputException.inFile(
            file,
            currentLine,
            header.get(c),
            String.format(
                java.util.Locale.ROOT,
                "the value is %,d characters long; a value may have at most %,d. Check for an unclosed quote \","
                    + " or take the column out of the file (free text is not learned)",
                current[c].length(),
                MAX_VALUE_CHARS));
      }
    }
  }

  /** The 1-based physical line where the current row starts. */
  public long line() {
    return currentLine;
  }

  /** The number of data rows read so far. */
  public long rowsRead() {
    return rows;
  }

  /**
   * The trimmed text of a field of the current row, or null when it is a missing-value token; a
   * number written with a decimal comma is rewritten with a decimal point when {@link
   * #decimalComma()}.
   */
  public String field(int column) {
    String value = current[column];
    if (options.isMissing(value)) {
      return null;
    }
    if (decimalComma) {
      String number = CsvValues.decimalCommaToPoint(value);
      return number == null ? value : number;
    }
    return value;
  }

  /** The trimmed text of a field of the current row as written, missing-value tokens included. */
  public String rawField(int column) {
    return current[column];
  }

  /** Whether a field of the current row is a missing-value token. */
  public boolean isMissing(int column) {
    return options.isMissing(current[column]);
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> readHeader() {
    CSVRecord record = nextRecord();
    if (record == null) {
      throw InvalidInputException.inFile(
          file,
          -1,
          null,
          "the file is empty; a CSV needs a header line with the column names, then data rows");
    }
    List<String> names = new ArrayList<>(record.size());
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i);
      if (name.isEmpty()) {
        throw InvalidInputException.inFile(
            file,
            currentLine,
            null,
            "header field "
                + (i + 1)
                + " is empty; every column needs a name in the header line"
                + (record.size() == 1
                    ? " (the first line is blank or the file has no header)"
                    : ""));
      }
      Integer earlier = positions.putIfAbsent(name, i);
      if (earlier != null) {
        throw InvalidInputException.inFile(
            file,
            currentLine,
            name,
            "the header names column '"
                + name
                + "' twice (fields "
                + (earlier + 1)
                + " and "
                + (i + 1)
                + "); rename one of them so every column name is unique");
      }
      names.add(name);
    }
    return Collections.unmodifiableList(names);
  }

  private CSVRecord nextRecord() {
    try {
      if (!records.hasNext()) {
        return null;
      }
      CSVRecord record = records.next();
      currentLine = previousEndLine + 1;
      previousEndLine = parser.getCurrentLineNumber();
      return record;
    } catch (UncheckedIOException e) {
      throw readFailure(e.getCause(), previousEndLine + 1);
    }
  }

  private RuntimeException readFailure(IOException e, long line) {
    if (e instanceof NoSuchFileException) {
      return InvalidInputException.inFile(
          file, -1, null, "the file does not exist; check the path");
    }
    if (e instanceof CharacterCodingException) {
      return InvalidInputException.inFile(
          file,
          line,
          null,
          "the file is not valid UTF-8; save it as UTF-8 (with or without byte order mark)");
    }
    if (e instanceof org.apache.commons.csv.CSVException) {
      return InvalidInputException.inFile(
          file,
          line,
          null,
          "malformed CSV ("
              + e.getMessage()
              + "); check for an unclosed quote: a quoted field must end with \" and quotes inside it are"
              + " doubled (\"\")");
    }
    return new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
  }

  private void closeQuietly() {
    try {
      parser.close();
    } catch (IOException ignored) {
      // Already failing; the first error is the one to report.
    }
  }

  private static BufferedReader openSkippingBom(Path file) throws IOException {
    // Files.newBufferedReader reports malformed UTF-8 instead of silently replacing it.
    BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    reader.mark(1);
    if (reader.read() != BYTE_ORDER_MARK) {
      reader.reset();
    }
    return reader;
  }

  /**
   * Picks the delimiter that occurs most often outside quotes in the first line: comma, semicolon
   * or tab.
   */
  private char detectDelimiter(Path path) {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    try (BufferedReader reader = openSkippingBom(path)) {
      boolean quoted = false;
      int c;
      while ((c = reader.read()) != -1) {
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
          break;
        } else if (!quoted && c == ',') {
          commas++;
        } else if (!quoted && c == ';') {
          semicolons++;
        } else if (!quoted && c == '\t') {
          tabs++;
        }
      }
    } catch (IOException e) {
      throw readFailure(e, 1);
    }
    if (semicolons > commas && semicolons >= tabs) {
      return ';';
    }
    if (tabs > commas && tabs > semicolons) {
      return '\t';
    }
    return ',';
  }

  private static String printable(char c) {
    return c == '\t' ? "\\t" : String.valueOf(c);
  }
}
