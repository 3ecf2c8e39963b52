package io.github.syntheticpatients.runtime.schema;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvRowReader;
import io.github.syntheticpatients.runtime.io.csv.CsvValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infers a {@link TableSchema} from a CSV file in one streaming pass. Memory stays bounded by the number of
 * columns, except for uniqueness checks (8 bytes per value, only for columns that may still be identifiers).
 *
 * <p>Rules, applied per column to its non-missing values (missing = the {@link CsvOptions} NA tokens):
 *
 * <ol>
 *   <li>No values at all: dropped (kind {@code numeric}), with the reason logged.
 *   <li>All values numbers:
 *       <ol>
 *         <li>whole numbers, all distinct, and either the name looks like an id ({@code id}, {@code pid},
 *             {@code patient_id}, {@code case.id}, {@code patientId}, ...) or the values form a strictly
 *             increasing sequence of at least {@value #MIN_ROWS_FOR_IDENTIFIER} rows: IDENTIFIER. Numbers with a
 *             fraction are never identifiers;
 *         <li>at most {@value #MAX_NUMERIC_CODES} distinct values, each seen on average at least twice (so a
 *             handful of rows of measurements is not mistaken for codes; two distinct values always qualify):
 *             BINARY when exactly two, otherwise CATEGORICAL. Categories are the values as written in the CSV,
 *             sorted numerically (pbc {@code edema}: {@code 0, 0.5, 1});
 *         <li>whole numbers: INTEGER; otherwise NUMERIC.
 *       </ol>
 *   <li>All values ISO dates ({@code 2024-02-29}): DATE. All ISO dates or date-times, at least one with a
 *       time: DATETIME.
 *   <li>Otherwise text:
 *       <ol>
 *         <li>exactly two distinct values: BINARY;
 *         <li>all distinct, with at least {@value #MIN_ROWS_FOR_IDENTIFIER} values: IDENTIFIER;
 *         <li>at most {@value #MIN_CATEGORY_LIMIT} distinct values, or up to {@value #MAX_CATEGORY_LIMIT} when
 *             that is at most 2% of the values: CATEGORICAL, categories sorted (by {@link String#compareTo});
 *         <li>otherwise free text: dropped (kind {@code identifier}, so that un-dropping it generates ids rather
 *             than copying text), with the reason logged.
 *       </ol>
 * </ol>
 *
 * <p>{@code missingRate} is the share of missing values (rounded to 6 decimals), {@code nullable} is whether any
 * value is missing, and {@code decimals} is the most digits after the decimal point seen (0 for integers and
 * text, at most {@value #MAX_DECIMALS}). No target, entity id or time column is set: the user names them in the
 * schema file. A column whose values mix numbers with text becomes a text column; if it looked numeric when its
 * uniqueness tracking was dropped, it is treated as not unique.
 */
public final class SchemaInference {
  /** Numeric columns with at most this many distinct values are codes (categorical). */
  public static final int MAX_NUMERIC_CODES = 10;
  /** Text columns with at most this many distinct values are always categorical. */
  public static final int MIN_CATEGORY_LIMIT = 50;
  /** Text columns never have more categories than this. */
  public static final int MAX_CATEGORY_LIMIT = 200;
  /** Fewer values than this cannot tell an identifier from a short list. */
  public static final int MIN_ROWS_FOR_IDENTIFIER = 20;
  /** The cap on inferred decimals. */
  public static final int MAX_DECIMALS = 6;

  private static final Logger LOG = LoggerFactory.getLogger(SchemaInference.class);

  /** {@code id}, {@code pid}, {@code patient_id}, {@code case.id}, {@code id_patient}, {@code patientId}, ... */
  private static final Pattern ID_NAME =
      Pattern.compile(
          "(?i:id|pid|mrn|uuid|guid|seqn|key)"
              + "|(?i:.*[._\\- ](id|uuid|key|no|nr))"
              + "|(?i:id[._\\- ].*)"
              + "|.*[a-z0-9](Id|ID)");

  private SchemaInference() {}

  /** Infers the schema of a CSV file with the default {@link CsvOptions}. */
  public static TableSchema infer(Path csv) {
    return infer(csv, CsvOptions.defaults());
  }

  /**
   * Infers the schema of a CSV file.
   *
   * @param csv a UTF-8 CSV with a header line
   * @param options delimiter and missing-value tokens; null for the defaults
   * @throws InvalidInputException if the file is empty, has no data rows, duplicate names or ragged rows
   */
  public static TableSchema infer(Path csv, CsvOptions options) {
    try (CsvRowReader reader = CsvRowReader.open(csv, options)) {
      List<String> header = reader.header();
      ColumnProfile[] profiles = new ColumnProfile[header.size()];
      for (int c = 0; c < profiles.length; c++) {
        profiles[c] = new ColumnProfile(header.get(c));
      }
      while (reader.next()) {
        for (int c = 0; c < profiles.length; c++) {
          profiles[c].accept(reader.field(c));
        }
      }
      List<ColumnSchema> columns = new ArrayList<>(profiles.length);
      for (ColumnProfile profile : profiles) {
        columns.add(profile.toSchema(csv, reader.rowsRead()));
      }
      return TableSchema.of(columns);
    }
  }

  /** Whether a column name reads as an identifier. */
  static boolean looksLikeIdName(String name) {
    return ID_NAME.matcher(name.trim()).matches();
  }

  /** Everything the rules need to know about one column, gathered value by value. */
  private static final class ColumnProfile {
    /** Distinct values are tracked exactly up to this count; beyond it only their number matters. */
    private static final int DISTINCT_TRACKED = MAX_CATEGORY_LIMIT + 1;

    private final String name;
    private final boolean idName;
    private long present;
    private long missing;
    private boolean allNumbers = true;
    private boolean allIntegral = true;
    private boolean increasing = true;
    private double previous = Double.NEGATIVE_INFINITY;
    private int maxDecimals;
    private boolean allDates = true;
    private boolean allDatesOrDateTimes = true;
    private Set<String> distinct = new HashSet<>();
    private boolean manyDistinct;
    private UniquenessTracker uniqueness;
    private boolean uniquenessAbandoned;

    ColumnProfile(String name) {
      this.name = name;
      this.idName = looksLikeIdName(name);
    }

    void accept(String value) {
      if (value == null) {
        missing++;
        return;
      }
      present++;
      trackDistinct(value);
      if (allNumbers) {
        double number = CsvValues.parseNumber(value);
        if (Double.isNaN(number)) {
          allNumbers = false;
        } else {
          maxDecimals = Math.max(maxDecimals, CsvValues.decimals(value));
          allIntegral &= CsvValues.isIntegral(number);
          increasing &= number > previous;
          previous = number;
          allDates = false;
          allDatesOrDateTimes = false;
          // A numeric column can still be an identifier only as whole numbers with an id name or in sequence.
          if (uniqueness != null && (!allIntegral || (!idName && !increasing))) {
            uniqueness = null;
            uniquenessAbandoned = true;
          }
          return;
        }
      }
      if (allDatesOrDateTimes) {
        if (allDates && Double.isNaN(CsvValues.parseDate(value))) {
          allDates = false;
        }
        if (!allDates && Double.isNaN(CsvValues.parseDateOrDateTime(value))) {
          allDatesOrDateTimes = false;
        }
      }
    }

    private void trackDistinct(String value) {
      if (!manyDistinct) {
        distinct.add(value);
        if (distinct.size() > DISTINCT_TRACKED) {
          manyDistinct = true;
          if (distinct.size() == present && !uniquenessAbandoned) {
            // Every value so far is distinct: keep checking with hashes instead of strings.
            uniqueness = new UniquenessTracker();
            distinct.forEach(uniqueness::add);
          } else {
            uniquenessAbandoned = true;
          }
          distinct = null;
        }
      } else if (uniqueness != null) {
        uniqueness.add(value);
      }
    }

    private boolean allDistinct() {
      if (!manyDistinct) {
        return distinct.size() == present;
      }
      return uniqueness != null && uniqueness.allDistinct();
    }

    private long distinctCount() {
      return manyDistinct ? Long.MAX_VALUE : distinct.size();
    }

    ColumnSchema toSchema(Path csv, long rows) {
      double missingRate = rows == 0 ? 0 : Math.round(missing * 1e6 / rows) / 1e6;
      boolean nullable = missing > 0;
      if (present == 0) {
        LOG.info("{}: column '{}' is dropped: every value is missing", csv, name);
        return new ColumnSchema(name, ColumnKind.NUMERIC, true, missingRate, List.of(), 0, true);
      }
      int decimals = Math.min(maxDecimals, MAX_DECIMALS);
      long distinctCount = distinctCount();
      if (allNumbers) {
        boolean enoughForSequence = present >= MIN_ROWS_FOR_IDENTIFIER;
        if (allIntegral && (idName || (increasing && enoughForSequence)) && allDistinct()) {
          return new ColumnSchema(name, ColumnKind.IDENTIFIER, nullable, missingRate, List.of(), 0, false);
        }
        if (distinctCount <= MAX_NUMERIC_CODES && (distinctCount <= 2 || present >= 2 * distinctCount)) {
          List<String> categories = new ArrayList<>(distinct);
          categories.sort(
              Comparator.comparingDouble(CsvValues::parseNumber).thenComparing(Comparator.naturalOrder()));
          ColumnKind kind = categories.size() == 2 ? ColumnKind.BINARY : ColumnKind.CATEGORICAL;
          return new ColumnSchema(name, kind, nullable, missingRate, categories, decimals, false);
        }
        if (allIntegral) {
          return new ColumnSchema(name, ColumnKind.INTEGER, nullable, missingRate, List.of(), 0, false);
        }
        return new ColumnSchema(name, ColumnKind.NUMERIC, nullable, missingRate, List.of(), decimals, false);
      }
      if (allDates) {
        return new ColumnSchema(name, ColumnKind.DATE, nullable, missingRate, List.of(), 0, false);
      }
      if (allDatesOrDateTimes) {
        return new ColumnSchema(name, ColumnKind.DATETIME, nullable, missingRate, List.of(), 0, false);
      }
      if (distinctCount == 2) {
        return new ColumnSchema(name, ColumnKind.BINARY, nullable, missingRate, sortedText(), 0, false);
      }
      if (present >= MIN_ROWS_FOR_IDENTIFIER && allDistinct()) {
        return new ColumnSchema(name, ColumnKind.IDENTIFIER, nullable, missingRate, List.of(), 0, false);
      }
      long limit = Math.max(MIN_CATEGORY_LIMIT, Math.min(MAX_CATEGORY_LIMIT, present / 50));
      if (distinctCount <= limit) {
        return new ColumnSchema(name, ColumnKind.CATEGORICAL, nullable, missingRate, sortedText(), 0, false);
      }
      LOG.info(
          "{}: column '{}' is dropped as free text: more than {} distinct values in {} rows, and values repeat,"
              + " so it is neither categories nor an identifier; edit the schema to keep it",
          csv,
          name,
          limit,
          present);
      return new ColumnSchema(name, ColumnKind.IDENTIFIER, nullable, missingRate, List.of(), 0, true);
    }

    private List<String> sortedText() {
      List<String> categories = new ArrayList<>(distinct);
      categories.sort(Comparator.naturalOrder());
      return categories;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s(%d present, %d missing)", name, present, missing);
    }
  }
}
