package io.github.syntheticpatients.runtime.schema;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvRowReader;
import io.github.syntheticpatients.runtime.io.csv.CsvValues;
import io.github.syntheticpatients.runtime.io.csv.LongitudinalInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 * text, at most {@value #MAX_DECIMALS}). No target is set; entity id and time are set only by {@link
 * #inferLongitudinal}, which also marks static columns. A column whose values mix numbers with text becomes a
 * text column; if it looked numeric when its uniqueness tracking was dropped, it is treated as not unique.
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
    return inferFiles(csv, List.of(csv), file -> options, null, null, false);
  }

  /**
   * Infers one schema over several CSV files with the same header, as if their rows were one table (streaming,
   * file after file). A {@code .psv} file is read as pipe-separated unless the options fix a delimiter.
   *
   * @param source what the files are, for log messages (e.g. their directory)
   * @param files UTF-8 CSV files with the same header line
   * @param options delimiter and missing-value tokens; null for the defaults
   * @throws InvalidInputException if a file is empty, has no data rows, ragged rows or another header
   */
  public static TableSchema infer(Path source, List<Path> files, CsvOptions options) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("No files to infer a schema from");
    }
    return inferFiles(source, files, file -> LongitudinalInput.optionsFor(file, options), null, null, false);
  }

  /**
   * Infers a longitudinal schema from a long-format CSV (one row per visit) or a directory of per-patient files
   * (see {@link LongitudinalInput}), streaming, with the column rules above applied to all visit rows pooled.
   *
   * <ul>
   *   <li>The patient id column becomes an IDENTIFIER without looking at its values (they repeat across visits).
   *       If the files of a directory lack it, each file is one patient named by its file name, and the schema
   *       gets the id column as an extra first column.
   *   <li>The time column is always continuous: INTEGER or NUMERIC when its values are numbers (never codes or an
   *       identifier, however few or increasing its values), DATE or DATETIME when they are ISO dates.
   *   <li>A learned column is <b>static</b> (a patient attribute generated once) when, within every patient, all
   *       its values are equal, missing counting as a value of its own (so a lab measured at one visit and
   *       missing at the others is time-varying), and at least one patient has two or more visits. Patients with
   *       a single visit give no evidence; when no patient has a second visit nothing is static, since a column
   *       wrongly made static loses its changes while one wrongly left time-varying only costs model capacity.
   *       With few repeat-visit patients a column may look static by chance: check the schema and set {@code
   *       "static": false} where a value can change. The kind (and missing rate) of a static column is inferred
   *       from one value per patient, since repeating it on every visit would make a baseline age look like a
   *       code; so a static column that is an identifier per patient by the rules above (a record number)
   *       becomes an IDENTIFIER.
   * </ul>
   *
   * @param input a long-format CSV or a directory of per-patient {@code .psv} / {@code .csv} files
   * @param options delimiter and missing-value tokens; null for the defaults ({@code .psv} is pipe-separated)
   * @param entityId the patient id column
   * @param time the time column
   * @throws InvalidInputException if a role column is not in the header (naming {@code synthetic.entityId} or
   *     {@code synthetic.time}), the time column holds text, a visit has no patient id, or a file is malformed
   */
  public static TableSchema inferLongitudinal(Path input, CsvOptions options, String entityId, String time) {
    if (entityId == null || entityId.isBlank()) {
      throw InvalidInputException.inParameter(
          LongitudinalInput.ENTITY_ID_PARAMETER, "the patient id column is not set; name the column with "
              + LongitudinalInput.ENTITY_ID_PARAMETER);
    }
    if (time == null || time.isBlank()) {
      throw InvalidInputException.inParameter(
          LongitudinalInput.TIME_PARAMETER, "the time column is not set; name the column with "
              + LongitudinalInput.TIME_PARAMETER);
    }
    if (entityId.equals(time)) {
      throw InvalidInputException.inParameter(
          LongitudinalInput.TIME_PARAMETER,
          "the patient id and the time column are both '" + time + "'; " + LongitudinalInput.TIME_PARAMETER
              + " must name the column with each visit's time");
    }
    return inferFiles(
        input,
        LongitudinalInput.files(input),
        file -> LongitudinalInput.optionsFor(file, options),
        entityId,
        time,
        Files.isDirectory(input));
  }

  /**
   * The one pass over the files; {@code entityId} and {@code time} null for a tabular schema. {@code directory}:
   * whether the files may lack the id column (one patient per file).
   */
  private static TableSchema inferFiles(
      Path source,
      List<Path> files,
      Function<Path, CsvOptions> optionsOf,
      String entityId,
      String time,
      boolean directory) {
    boolean longitudinal = entityId != null;
    List<String> header = null;
    ColumnProfile[] profiles = null;
    ColumnProfile[] firstVisitProfiles = null;
    StaticTracker statics = null;
    Map<String, Integer> patients = new HashMap<>();
    List<String> fileIds = null;
    int idPosition = -1;
    long rows = 0;
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      try (CsvRowReader reader = CsvRowReader.open(file, optionsOf.apply(file))) {
        if (header == null) {
          header = reader.header();
          if (longitudinal) {
            if (!directory || header.contains(entityId)) {
              LongitudinalInput.requireColumn(
                  file, header, entityId, "patient id", LongitudinalInput.ENTITY_ID_PARAMETER);
            } else {
              fileIds = LongitudinalInput.fileIds(files, entityId);
              LOG.info(
                  "{}: the files have no column '{}', so each file is one patient named by its file name",
                  source,
                  entityId);
            }
            LongitudinalInput.requireColumn(file, header, time, "time", LongitudinalInput.TIME_PARAMETER);
            idPosition = header.indexOf(entityId);
            statics = new StaticTracker(header.size());
          }
          profiles = new ColumnProfile[header.size()];
          firstVisitProfiles = new ColumnProfile[header.size()];
          for (int c = 0; c < profiles.length; c++) {
            String name = header.get(c);
            Role role = !longitudinal ? Role.ORDINARY
                : name.equals(entityId) ? Role.ENTITY_ID
                : name.equals(time) ? Role.TIME
                : Role.ORDINARY;
            profiles[c] = new ColumnProfile(name, role);
            if (longitudinal && role == Role.ORDINARY) {
              firstVisitProfiles[c] = new ColumnProfile(name, role);
            }
          }
        } else {
          LongitudinalInput.requireSameHeader(files.get(0), header, file, reader.header());
        }
        while (reader.next()) {
          if (statics != null) {
            String id = idPosition < 0 ? fileIds.get(f) : reader.field(idPosition);
            if (id == null) {
              throw LongitudinalInput.missingId(file, reader.line(), entityId, reader.rawField(idPosition));
            }
            Integer patient = patients.get(id);
            if (patient == null) {
              patient = patients.size();
              patients.put(id, patient);
            }
            statics.startRow(patient);
          }
          boolean firstVisit = statics != null && statics.firstVisit();
          for (int c = 0; c < profiles.length; c++) {
            String value = reader.field(c);
            profiles[c].accept(value);
            if (statics != null) {
              statics.accept(c, value);
              if (firstVisit && firstVisitProfiles[c] != null) {
                firstVisitProfiles[c].accept(value);
              }
            }
          }
        }
        rows += reader.rowsRead();
      }
    }
    List<ColumnSchema> columns = new ArrayList<>(profiles.length + 1);
    if (longitudinal && idPosition < 0) {
      columns.add(new ColumnSchema(entityId, ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false));
    }
    for (int c = 0; c < profiles.length; c++) {
      ColumnSchema column = profiles[c].toSchema(source, rows);
      if (statics != null && profiles[c].role == Role.ORDINARY && column.isLearned() && statics.isStatic(c)) {
        // A static value is repeated on every visit, so rows overstate how often it occurs: its kind is decided
        // by one value per patient (a baseline age seen on 16 visits is not a code seen 16 times).
        ColumnSchema perPatient = firstVisitProfiles[c].toSchema(source, patients.size());
        column = perPatient.isLearned() ? perPatient.withStaticAttribute(true) : perPatient;
      }
      columns.add(column);
    }
    TableSchema schema = TableSchema.of(columns);
    return longitudinal ? schema.withLongitudinal(entityId, time) : schema;
  }

  /** Whether a column name reads as an identifier. */
  static boolean looksLikeIdName(String name) {
    return ID_NAME.matcher(name.trim()).matches();
  }

  /** What a column is for in longitudinal data. */
  private enum Role {
    ORDINARY,
    ENTITY_ID,
    TIME
  }

  /** Everything the rules need to know about one column, gathered value by value. */
  private static final class ColumnProfile {
    /** Distinct values are tracked exactly up to this count; beyond it only their number matters. */
    private static final int DISTINCT_TRACKED = MAX_CATEGORY_LIMIT + 1;

    private final String name;
    private final Role role;
    private final boolean idName;
    private String firstText;
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

    ColumnProfile(String name, Role role) {
      this.name = name;
      this.role = role;
      this.idName = looksLikeIdName(name);
      // A patient id repeats across visits and a time column is never an identifier: no uniqueness to track.
      this.uniquenessAbandoned = role != Role.ORDINARY;
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
          firstText = value;
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
      if (role == Role.ENTITY_ID) {
        return new ColumnSchema(name, ColumnKind.IDENTIFIER, nullable, missingRate, List.of(), 0, false);
      }
      if (role == Role.TIME) {
        return timeSchema(csv, nullable, missingRate);
      }
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

    /** The time column: continuous whatever its number of distinct values. */
    private ColumnSchema timeSchema(Path csv, boolean nullable, double missingRate) {
      if (present > 0 && allNumbers) {
        return allIntegral
            ? new ColumnSchema(name, ColumnKind.INTEGER, nullable, missingRate, List.of(), 0, false)
            : new ColumnSchema(
                name, ColumnKind.NUMERIC, nullable, missingRate, List.of(), Math.min(maxDecimals, MAX_DECIMALS),
                false);
      }
      if (present > 0 && allDates) {
        return new ColumnSchema(name, ColumnKind.DATE, nullable, missingRate, List.of(), 0, false);
      }
      if (present > 0 && allDatesOrDateTimes) {
        return new ColumnSchema(name, ColumnKind.DATETIME, nullable, missingRate, List.of(), 0, false);
      }
      throw InvalidInputException.inFile(
          csv,
          -1,
          name,
          (present == 0 ? "the time column has no values" : "the time column holds text such as '" + firstText
              + "', not numbers or ISO dates")
              + "; set " + LongitudinalInput.TIME_PARAMETER + " to the column with each visit's time (a number"
              + " such as days or hours since admission, or an ISO date)");
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
