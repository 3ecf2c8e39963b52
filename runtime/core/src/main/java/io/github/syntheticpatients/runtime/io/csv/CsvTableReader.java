package io.github.syntheticpatients.runtime.io.csv;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.CodeHierarchy;
import io.github.syntheticpatients.runtime.schema.CodeSystem;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV file into a columnar {@link Table}, streaming row by row into growable primitive
 * arrays: a million-row file never exists as Java strings or objects, only as one {@code double}
 * per stored cell.
 *
 * <p>Columns are matched to the schema by header name (their order in the file does not matter);
 * dropped columns may be absent (synthetic output leaves them out), every other schema column must
 * be there, and the file may not have columns the schema lacks. Cell values follow the {@link
 * Table} conventions. Identifier and dropped columns are read past without being parsed or stored;
 * they share one array of NaN.
 *
 * <p>Missing are the option's tokens plus the schema's {@code missingValues}, and in number and
 * date columns also the placeholders {@code -}, {@code --} and {@code .}. A value of a discrete
 * column that is not one of its categories is read, in a code column ({@link ColumnSchema#codes()}
 * of a recognised system), as its nearest ancestor code that is one ({@link CodeHierarchy}: {@code
 * 250.83} as {@code 250}), else as {@link ValueProtection#RARE_CATEGORY} when the column has that
 * category (rare values were generalised or merged into it at inference). A value that is not of
 * its column's kind is an error, unless the schema counts such values ({@code unparsedValues} above
 * 0): then it is read as missing, and one warning per column names the first few with their lines.
 */
public final class CsvTableReader {
  private static final String REINFER =
      "regenerate the schema with 'mvn synthetic:schema' or edit the schema file";

  private CsvTableReader() {}

  /** Reads every row of the file with the default {@link CsvOptions}. */
  public static Table read(Path file, TableSchema schema) {
    return read(file, schema, CsvOptions.defaults());
  }

  /**
   * Reads every row of the file.
   *
   * @param file a UTF-8 CSV with a header line
   * @param schema the columns expected in the header
   * @param options delimiter and missing-value tokens; null for the defaults
   * @throws InvalidInputException naming file, line and column for any value or layout that does
   *     not fit the schema, with the fix
   */
  public static Table read(Path file, TableSchema schema, CsvOptions options) {
    CsvOptions withSchemaTokens =
        (options == null ? CsvOptions.defaults() : options).withSchema(schema);
    StrayValues strays = new StrayValues();
    try (CsvRowReader reader = CsvRowReader.open(file, withSchemaTokens)) {
      int[] positions = matchHeader(file, reader.header(), schema);
      List<ColumnSchema> columns = schema.columns();
      ColumnParser[] parsers = new ColumnParser[columns.size()];
      GrowableDoubles[] values = new GrowableDoubles[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        if (columns.get(c).isLearned()) {
          parsers[c] = new ColumnParser(file, columns.get(c), strays);
          values[c] = new GrowableDoubles();
        }
      }
      while (reader.next()) {
        for (int c = 0; c < parsers.length; c++) {
          if (parsers[c] != null) {
            values[c].add(
                parsers[c].parse(
                    reader.field(positions[c]), reader.rawField(positions[c]), reader.line()));
          }
        }
      }
      int rows = Math.toIntExact(reader.rowsRead());
      double[] notStored = null;
      double[][] arrays = new double[columns.size()][];
      for (int c = 0; c < arrays.length; c++) {
        if (values[c] != null) {
          arrays[c] = values[c].toArray();
          values[c] = null; // let the growth buffer go before the next copy
        } else {
          if (notStored == null) {
            notStored = new double[rows];
            Arrays.fill(notStored, Double.NaN);
          }
          arrays[c] = notStored;
        }
      }
      strays.warn(file);
      return new Table(schema, arrays);
    }
  }

  /** For each schema column, its field position in the file. */
  private static int[] matchHeader(Path file, List<String> header, TableSchema schema) {
    return matchHeader(file, header, schema, Set.of());
  }

  /**
   * For each schema column, its field position in the file, or -1 for a dropped column or one of
   * {@code mayBeAbsent} that the file lacks.
   *
   * @throws InvalidInputException listing the schema's columns missing from the file and the file's
   *     columns missing from the schema
   */
  static int[] matchHeader(
      Path file, List<String> header, TableSchema schema, Set<String> mayBeAbsent) {
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      byName.put(header.get(i), i);
    }
    List<String> missing = new ArrayList<>();
    int[] positions = new int[schema.columns().size()];
    for (int c = 0; c < positions.length; c++) {
      ColumnSchema column = schema.columns().get(c);
      Integer position = byName.get(column.name());
      if (position == null) {
        positions[c] = -1;
        if (!column.dropped() && !mayBeAbsent.contains(column.name())) {
          missing.add(column.name());
        }
      } else {
        positions[c] = position;
      }
    }
    List<String> extra = new ArrayList<>();
    for (String name : header) {
      if (schema.indexOf(name) < 0) {
        extra.add(name);
      }
    }
    if (!missing.isEmpty() || !extra.isEmpty()) {
      StringBuilder problem = new StringBuilder("the header does not match the schema:");
      if (!missing.isEmpty()) {
        problem.append(" the schema's columns ").append(missing).append(" are not in the file;");
      }
      if (!extra.isEmpty()) {
        problem.append(" the file's columns ").append(extra).append(" are not in the schema;");
      }
      problem
          .append(" ")
          .append(REINFER)
          .append(" (a column can be kept out of learning with \"drop\": true)");
      throw InvalidInputException.inFile(file, 1, null, problem.toString());
    }
    return positions;
  }

  /**
   * Turns the text of one column into its {@link Table} cell value, or explains why it cannot.
   * Shared with {@link TimelineReader} so both readers parse and report values alike.
   */
  static final class ColumnParser {
    private final Path file;
    private final ColumnSchema column;
    private final StrayValues strays;
    private final int rareIndex;
    private final Map<String, Integer> categoryIndex = new HashMap<>();
    private final Map<Double, Integer> numericCategoryIndex = new HashMap<>();

    ColumnParser(Path file, ColumnSchema column, StrayValues strays) {
      this.file = file;
      this.column = column;
      this.strays = strays;
      this.rareIndex = column.categories().indexOf(ValueProtection.RARE_CATEGORY);
      List<String> categories = column.categories();
      for (int i = 0; i < categories.size(); i++) {
        categoryIndex.putIfAbsent(categories.get(i), i);
        // Numeric codes also match when written differently ("1.0" for category "1").
        double number = CsvValues.parseNumber(categories.get(i));
        if (!Double.isNaN(number)) {
          numericCategoryIndex.putIfAbsent(number == 0 ? 0d : number, i);
        }
      }
    }

    // The errors below quote the value: reading fails on data the user owns and must correct, and
    // the fix (a category to add, a value to rewrite) depends on it. Warnings never quote one.
    double parse(String text, String raw, long line) {
      if (text != null && column.kind().isContinuous() && CsvValues.isPlaceholder(text)) {
        text = null; // "-" or "." for a missing number or date
      }
      if (text == null) {
        if (!column.nullable()) {
          throw InvalidInputException.inFile(
              file,
              line,
              column.name(),
              "missing value ('"
                  + raw
                  + "') but the schema says the column is never missing; mark it \"nullable\": true in the"
                  + " schema file, or fill in the value");
        }
        return Double.NaN;
      }
      switch (column.kind()) {
        case NUMERIC:
          return number(text, line);
        case INTEGER:
          double whole = number(text, line);
          if (Double.isNaN(whole)) {
            return whole;
          }
          if (!CsvValues.isIntegral(whole)) {
            if (tolerates()) {
              return stray(text, raw, line);
            }
            throw InvalidInputException.inFile(
                file,
                line,
                column.name(),
                "'"
                    + raw // as written: 1.234,5 rather than the 1234.5 it is read as
                    + "' is not a whole number but the schema says the column is integer; change its"
                    + " \"kind\" to \"numeric\" in the schema file, or correct the value");
          }
          return whole;
        case BINARY:
        case CATEGORICAL:
          return category(text, line);
        case DATE:
          return timeValue(
              CsvValues.parseDate(text),
              text,
              raw,
              line,
              "an ISO date (yyyy-MM-dd, e.g. 2024-02-29)",
              "dates");
        case DATETIME:
          return timeValue(
              CsvValues.parseDateOrDateTime(text),
              text,
              raw,
              line,
              "an ISO date-time (yyyy-MM-ddTHH:mm:ss, e.g. 2024-02-29T13:45:00)",
              "date-times");
        default:
          throw new IllegalStateException("Column kind " + column.kind() + " is not stored");
      }
    }

    /** Whether the schema lets values of another kind be read as missing. */
    private boolean tolerates() {
      return column.unparsedValues() > 0;
    }

    /** A value of another kind read as missing (the schema allows it), noted for the warning. */
    /**
     * A parsed date or date-time: a value that did not parse is a stray where the column tolerates
     * them, else an error naming what was expected.
     */
    private double timeValue(
        double parsed, String text, String raw, long line, String expected, String kinds) {
      if (!Double.isNaN(parsed)) {
        return parsed;
      }
      if (tolerates()) {
        return stray(text, raw, line);
      }
      throw InvalidInputException.inFile(
          file,
          line,
          column.name(),
          "'"
              + text
              + "' is not "
              + expected
              + "; write "
              + kinds
              + " in ISO 8601, or change the column's \"kind\" in the schema file");
    }

    private double stray(String text, String raw, long line) {
      double missing =
          parse(null, raw, line); // fails as a missing value would in a never-missing column
      strays.add(column.name(), text, file, line);
      return missing;
    }

    private double number(String text, long line) {
      double value = CsvValues.parseNumber(text);
      if (Double.isNaN(value) && tolerates()) {
        return stray(text, text, line);
      }
      if (Double.isNaN(value)) {
        throw InvalidInputException.inFile(
            file,
            line,
            column.name(),
            "'"
                + text
                + "' is not a number but the schema says the column is "
                + column.kind().name().toLowerCase(java.util.Locale.ROOT)
                + "; correct the value, add it to the missing-value tokens if it means missing, or change the"
                + " column's \"kind\" (e.g. to \"categorical\") or set \"drop\": true in the schema file");
      }
      return value;
    }

    /**
     * In a code column, the category of the nearest ancestor of a code ({@link CodeHierarchy}), or
     * null when none is one or the column holds no codes.
     */
    private Integer ancestorIndex(String code) {
      if (!column.isCodeColumn()) {
        return null; // in other columns 100.5 is a value, not a subcode of category 100
      }
      CodeSystem system = column.codes().system();
      for (String parent = system.parent(code); parent != null; parent = system.parent(parent)) {
        Integer index = categoryIndex.get(parent);
        if (index != null) {
          return index;
        }
      }
      return null;
    }

    private double category(String text, long line) {
      Integer index = categoryIndex.get(text);
      if (index == null && !numericCategoryIndex.isEmpty()) {
        double number = CsvValues.parseNumber(text);
        if (!Double.isNaN(number)) {
          index = numericCategoryIndex.get(number == 0 ? 0d : number);
        }
      }
      if (index == null && tolerates() && !CsvValues.isNumber(text)) {
        return stray(text, text, line); // stray text in a column of numeric codes
      }
      if (index == null) {
        index =
            ancestorIndex(text); // a rare code read as its nearest kept ancestor (250.83 as 250)
      }
      if (index == null && rareIndex >= 0) {
        index =
            rareIndex; // a value too rare to be a category of its own, or one not seen at inference
      }
      if (index == null) {
        throw InvalidInputException.inFile(
            file,
            line,
            column.name(),
            "'"
                + text
                + "' is not one of the column's categories "
                + column.categories()
                + "; add it to the column's \"categories\" in the schema file, or "
                + REINFER);
      }
      return index;
    }
  }

  /** A primitive double list that grows by half its size; avoids boxing a million values. */
  static final class GrowableDoubles {
    private double[] values = new double[1024];
    private int size;

    void add(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, values.length + (values.length >> 1));
      }
      values[size++] = value;
    }

    double[] toArray() {
      return size == values.length ? values : Arrays.copyOf(values, size);
    }
  }
}
