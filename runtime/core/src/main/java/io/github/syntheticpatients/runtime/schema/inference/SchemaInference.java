package io.github.syntheticpatients.runtime.schema.inference;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvRowReader;
import io.github.syntheticpatients.runtime.io.csv.LongitudinalInput;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.LongitudinalRoles;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infers a {@link TableSchema} from a CSV file in one streaming pass. Memory stays bounded by the
 * number of columns, except for uniqueness checks (8 bytes per value, only for columns that may
 * still be identifiers).
 *
 * <p>Rules, applied per column to its non-missing values (missing = the {@link CsvOptions} NA
 * tokens, plus the placeholders {@code -}, {@code --}, {@code .} in number and date columns). Every
 * choice worth a word is logged (a warning for a dropped column or stray values) and kept in the
 * column's {@code reason}.
 *
 * <ol>
 *   <li>No values at all: dropped (kind {@code numeric}).
 *   <li>The name says what it is ({@link IdentifierNames}: a person's name, a record, national or
 *       insurance number, an e-mail, a phone number, a postal code; an address, free-text notes or
 *       a date of birth), at any table size: IDENTIFIER, never learned. Names, e-mails, numbers and
 *       codes are generated with the same shape as the real values ({@link
 *       io.github.syntheticpatients.runtime.schema.IdentifierShape}); addresses, notes and dates of
 *       birth are dropped (a date of birth is a quasi-identifier, and a random one is of no use).
 *   <li>Numbers, all but at most {@value #MAX_UNPARSED_SHARE_PERCENT} % of the values (the strays
 *       are read as missing, counted in {@code unparsed} and named with their lines in a warning):
 *       <ol>
 *         <li>whole numbers, all distinct, and either the name looks like an id ({@code id}, {@code
 *             pid}, {@code patient_id}, {@code case.id}, {@code patientId}, ...) or the values form
 *             a strictly increasing sequence of at least {@value #MIN_ROWS_FOR_IDENTIFIER} rows:
 *             IDENTIFIER (record numbers). Numbers with a fraction are never identifiers;
 *         <li>mostly distinct whole numbers, at least 80 % of them with the same number of digits,
 *             at least {@value ColumnProfile#MIN_ID_DIGITS} (an SSN or an MRN stored as a number):
 *             IDENTIFIER with that many random digits;
 *         <li>at most {@value #MAX_NUMERIC_CODES} distinct values, each seen on average at least
 *             twice: categories (BINARY when exactly two), sorted numerically as written in the CSV
 *             (pbc {@code edema}: {@code 0, 0.5, 1}), protected as below; when no code is held by k
 *             records, numbers;
 *         <li>whole numbers: INTEGER; otherwise NUMERIC.
 *       </ol>
 *   <li>ISO dates ({@code 2024-02-29}), all but at most {@value #MAX_UNPARSED_SHARE_PERCENT} %:
 *       DATE; ISO dates or date-times with at least one time: DATETIME. Other date formats ({@code
 *       05/01/2020}) are not guessed (day and month cannot be told apart): they are strays, as for
 *       numbers.
 *   <li>Otherwise text:
 *       <ol>
 *         <li>e-mail addresses or phone numbers (90 % of the values): IDENTIFIER of that shape;
 *         <li>at most {@value #MIN_CATEGORY_LIMIT} distinct values, or up to {@value
 *             #MAX_CATEGORY_LIMIT} when that is at most 2 % of the values, and the values held by
 *             at least k records cover at least half of the rows: CATEGORICAL (BINARY when two
 *             categories), the categories sorted by {@link String#compareTo} and protected as
 *             below;
 *         <li>codes: every value a short token of letters, digits, dots and dashes (at most {@value
 *             #MAX_CODE_LENGTH} characters), of at most 16 shapes, at most {@value
 *             #MAX_CODE_CATEGORIES} distinct values each held on average by two rows or more
 *             ({@code 428}, {@code 250.83}, {@code V57}, {@code E11.9}): CATEGORICAL at any
 *             cardinality, marked with the code system its values' shapes say ({@link
 *             io.github.syntheticpatients.runtime.schema.CodeSystem}), protected as below, with
 *             rare codes generalised where the code says its ancestor ({@link
 *             io.github.syntheticpatients.runtime.schema.CodeHierarchy}). Code columns of one kind
 *             ({@code diag_1..diag_3}) share one vocabulary ({@link SharedVocabularies});
 *         <li>mostly distinct values of one shape without blanks ({@code MRN-001234}): IDENTIFIER
 *             of that shape; all distinct without blanks: IDENTIFIER (record numbers);
 *         <li>otherwise free text: dropped (kind {@code identifier}, so that un-dropping it
 *             generates ids rather than copying text).
 *       </ol>
 * </ol>
 *
 * <p><b>Value protection.</b> A category is kept only when at least k records hold it (k = {@link
 * ValueProtection#DEFAULT_K} unless {@code valueProtectionK} says otherwise; a record is a row, or
 * a patient in longitudinal data). The other values are merged into one category {@link
 * ValueProtection#RARE_CATEGORY}, placed last, and the column's {@code protectedValues} counts them
 * (never naming them); readers map them, and any value not seen at inference, to that category. In
 * a code column a rare code is first generalised to its nearest ancestor held by at least k
 * records, the rare codes below it counted together ({@code 250.83} to {@code 250}); {@code
 * protectedValues} counts those too, and the reason says how many of each. Readers map a value that
 * is not a category to its nearest ancestor that is, before {@code _RARE_}. A bucket rather than
 * missing keeps the share of rare values and the meaning of the missing rate.
 *
 * <p>Decimal commas: unless the options set the decimal separator, the values of files whose
 * delimiter is not a comma are checked for numbers written {@code 61,5} ({@link
 * DecimalSeparatorDetector}); when some columns are numbers only so, and none writes {@code 61.5}
 * or an ambiguous {@code 1.250}, the files are read again with a decimal comma, said in an INFO
 * line and recorded in the schema; when they disagree, inference stops naming the columns and
 * {@code synthetic.decimalSeparator}.
 *
 * <p>{@code missingRate} is the share of missing values (rounded to 6 decimals), {@code nullable}
 * is whether any value is missing, and {@code decimals} is the most digits after the decimal point
 * seen (0 for integers and text, at most {@value #MAX_DECIMALS}). No target is set; entity id and
 * time are set only by {@link #inferLongitudinal}, which also marks static columns.
 */
public final class SchemaInference {
  /** Numeric columns with at most this many distinct values are codes (categorical). */
  public static final int MAX_NUMERIC_CODES = 10;

  /** Text columns with at most this many distinct values are always categorical. */
  public static final int MIN_CATEGORY_LIMIT = 50;

  /** Text columns never have more categories than this. */
  public static final int MAX_CATEGORY_LIMIT = 200;

  /**
   * Code columns (short tokens that repeat) are counted up to this many distinct values; beyond,
   * they are text.
   */
  public static final int MAX_CODE_CATEGORIES = 10_000;

  /** The longest code-shaped token ({@code J01CA04} has 7 characters, {@code E11.65} 6). */
  public static final int MAX_CODE_LENGTH = 10;

  /** Fewer values than this cannot tell an identifier from a short list. */
  public static final int MIN_ROWS_FOR_IDENTIFIER = 20;

  /** The cap on inferred decimals. */
  public static final int MAX_DECIMALS = 6;

  /**
   * A number or date column may hold at most this share of other values (read as missing, with a
   * warning).
   */
  public static final double MAX_UNPARSED_SHARE = 0.05;

  /** {@link #MAX_UNPARSED_SHARE} in percent, for documentation. */
  static final int MAX_UNPARSED_SHARE_PERCENT = 5;

  /** The property that sets k, for messages. */
  static final String K_PROPERTY = "synthetic." + ValueProtection.OPTION;

  /** The property that adds missing-value tokens, for messages. */
  static final String MISSING_VALUES_PROPERTY = "synthetic." + CsvOptions.MISSING_VALUES_OPTION;

  /** The property that sets the decimal separator, for messages. */
  static final String DECIMAL_SEPARATOR_PROPERTY =
      "synthetic." + CsvOptions.DECIMAL_SEPARATOR_OPTION;

  private static final Logger LOG = LoggerFactory.getLogger(SchemaInference.class);

  /**
   * {@code id}, {@code pid}, {@code patient_id}, {@code case.id}, {@code id_patient}, {@code
   * patientId}, ...
   */
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
   * @throws InvalidInputException if the file is empty, has no data rows, duplicate names or ragged
   *     rows
   */
  public static TableSchema infer(Path csv, CsvOptions options) {
    return infer(csv, options, ValueProtection.DEFAULT_K);
  }

  /**
   * Infers the schema of a CSV file, keeping only categories held by at least {@code
   * valueProtectionK} records.
   *
   * @param csv a UTF-8 CSV with a header line
   * @param options delimiter and missing-value tokens; null for the defaults
   * @param valueProtectionK see {@link ValueProtection}; at least 1
   * @throws InvalidInputException if the file is empty, has no data rows, duplicate names or ragged
   *     rows
   */
  public static TableSchema infer(Path csv, CsvOptions options, int valueProtectionK) {
    int k = ValueProtection.checkK(valueProtectionK, K_PROPERTY);
    return inferFiles(csv, List.of(csv), file -> options, null, null, false, k);
  }

  /**
   * Infers one schema over several CSV files with the same header, as if their rows were one table
   * (streaming, file after file). A {@code .psv} file is read as pipe-separated unless the options
   * fix a delimiter.
   *
   * @param source what the files are, for log messages (e.g. their directory)
   * @param files UTF-8 CSV files with the same header line
   * @param options delimiter and missing-value tokens; null for the defaults
   * @throws InvalidInputException if a file is empty, has no data rows, ragged rows or another
   *     header
   */
  public static TableSchema infer(Path source, List<Path> files, CsvOptions options) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("No files to infer a schema from");
    }
    return inferFiles(
        source,
        files,
        file -> LongitudinalInput.optionsFor(file, options),
        null,
        null,
        false,
        ValueProtection.DEFAULT_K);
  }

  /**
   * Infers a longitudinal schema from a long-format CSV (one row per visit) or a directory of
   * per-patient files (see {@link LongitudinalInput}), streaming, with the column rules above
   * applied to all visit rows pooled.
   *
   * <ul>
   *   <li>The patient id column becomes an IDENTIFIER without looking at its values (they repeat
   *       across visits). If the files of a directory lack it, each file is one patient named by
   *       its file name, and the schema gets the id column as an extra first column.
   *   <li>The time column is always continuous: INTEGER or NUMERIC when its values are numbers
   *       (never codes or an identifier, however few or increasing its values), DATE or DATETIME
   *       when they are ISO dates.
   *   <li>A learned column is <b>static</b> (a patient attribute generated once) when, within every
   *       patient, all its values are equal, missing counting as a value of its own (so a lab
   *       measured at one visit and missing at the others is time-varying), and at least one
   *       patient has two or more visits. Patients with a single visit give no evidence; when no
   *       patient has a second visit nothing is static, since a column wrongly made static loses
   *       its changes while one wrongly left time-varying only costs model capacity. With few
   *       repeat-visit patients a column may look static by chance: check the schema and set {@code
   *       "static": false} where a value can change. The kind (and missing rate) of a static column
   *       is inferred from one value per patient, since repeating it on every visit would make a
   *       baseline age look like a code; so a static column that is an identifier per patient by
   *       the rules above (a record number) becomes an IDENTIFIER.
   *   <li>A second pass records the <b>visit structure</b> ({@link VisitStructureDetector}): a
   *       visit counter (1, 2, 3, … or 0, 1, 2, … on every visit; made INTEGER) and an interval end
   *       (the next visit's time on every visit but the last), which generators produce rather than
   *       learn. Remove {@code visitCounter} or {@code intervalEnd} from the schema file to have
   *       them learned like any column.
   * </ul>
   *
   * @param input a long-format CSV or a directory of per-patient {@code .psv} / {@code .csv} files
   * @param options delimiter and missing-value tokens; null for the defaults ({@code .psv} is
   *     pipe-separated)
   * @param entityId the patient id column
   * @param time the time column
   * @throws InvalidInputException if a role column is not in the header (naming {@code
   *     synthetic.entityId} or {@code synthetic.time}), the time column holds text, a visit has no
   *     patient id, or a file is malformed
   */
  public static TableSchema inferLongitudinal(
      Path input, CsvOptions options, String entityId, String time) {
    return inferLongitudinal(input, options, entityId, time, ValueProtection.DEFAULT_K);
  }

  /**
   * As {@link #inferLongitudinal(Path, CsvOptions, String, String)}, keeping only categories held
   * by at least {@code valueProtectionK} patients.
   */
  public static TableSchema inferLongitudinal(
      Path input, CsvOptions options, String entityId, String time, int valueProtectionK) {
    int k = ValueProtection.checkK(valueProtectionK, K_PROPERTY);
    LongitudinalRoles roles =
        LongitudinalRoles.required(entityId, time, LongitudinalRoles.Names.PROPERTIES);
    TableSchema inferred =
        inferFiles(
            input,
            LongitudinalInput.files(input),
            file -> LongitudinalInput.optionsFor(file, options),
            roles.entityId(),
            roles.time(),
            Files.isDirectory(input),
            k);
    return VisitStructureDetector.record(input, options, inferred);
  }

  /**
   * The one pass over the files; {@code entityId} and {@code time} null for a tabular schema.
   * {@code directory}: whether the files may lack the id column (one patient per file).
   */
  private static TableSchema inferFiles(
      Path source,
      List<Path> files,
      Function<Path, CsvOptions> optionsOf,
      String entityId,
      String time,
      boolean directory,
      int k) {
    CsvOptions firstOptions = optionsOf.apply(files.get(0));
    boolean detectDecimals = firstOptions == null || firstOptions.decimalSeparator() == null;
    DecimalSeparatorDetector decimals = null;
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
            LongitudinalInput.requireColumn(
                file, header, time, "time", LongitudinalInput.TIME_PARAMETER);
            idPosition = header.indexOf(entityId);
            statics = new StaticTracker(header.size());
          }
          if (detectDecimals) {
            decimals = new DecimalSeparatorDetector(header);
          }
          profiles = new ColumnProfile[header.size()];
          firstVisitProfiles = new ColumnProfile[header.size()];
          for (int c = 0; c < profiles.length; c++) {
            String name = header.get(c);
            ColumnProfile.Role role =
                !longitudinal
                    ? ColumnProfile.Role.ORDINARY
                    : name.equals(entityId)
                        ? ColumnProfile.Role.ENTITY_ID
                        : name.equals(time) ? ColumnProfile.Role.TIME : ColumnProfile.Role.ORDINARY;
            profiles[c] = new ColumnProfile(name, role, k);
            if (longitudinal && role == ColumnProfile.Role.ORDINARY) {
              firstVisitProfiles[c] = new ColumnProfile(name, role, k);
            }
          }
        } else {
          LongitudinalInput.requireSameHeader(files.get(0), header, file, reader.header());
        }
        while (reader.next()) {
          long holder = rows + reader.rowsRead(); // the row: in tabular data each row is one record
          if (statics != null) {
            String id = idPosition < 0 ? fileIds.get(f) : reader.field(idPosition);
            if (id == null) {
              throw LongitudinalInput.missingId(
                  file, reader.line(), entityId, reader.rawField(idPosition));
            }
            Integer patient = patients.get(id);
            if (patient == null) {
              patient = patients.size();
              patients.put(id, patient);
            }
            statics.startRow(patient);
            holder = patient; // a value seen on many visits of one patient is held by one record
          }
          boolean firstVisit = statics != null && statics.firstVisit();
          boolean notCommaSeparated = decimals != null && reader.delimiter() != ',';
          for (int c = 0; c < profiles.length; c++) {
            String value = reader.field(c);
            if (notCommaSeparated) {
              decimals.accept(c, value); // the raw text: the separator is not set in this pass
            }
            profiles[c].accept(value, file, reader.line(), holder);
            if (statics != null) {
              statics.accept(c, value);
              if (firstVisit && firstVisitProfiles[c] != null) {
                firstVisitProfiles[c].accept(value, file, reader.line(), holder);
              }
            }
          }
        }
        rows += reader.rowsRead();
      }
    }
    if (decimals != null) {
      DecimalSeparatorDetector.Verdict verdict = decimals.verdict();
      if (verdict.conflicting()) {
        throw DecimalSeparatorDetector.conflict(source, verdict, DECIMAL_SEPARATOR_PROPERTY);
      }
      if (verdict.decimalComma()) {
        LOG.info(
            "{}: the columns {} write numbers with a decimal comma (61,5), so numbers are read so"
                + " (\"decimalSeparator\": \",\" in the schema; set {} to '.' to read them as text)",
            source,
            verdict.commaColumns(),
            DECIMAL_SEPARATOR_PROPERTY);
        return inferFiles(
            source,
            files,
            file -> orDefaults(optionsOf.apply(file)).withDecimalSeparator(','),
            entityId,
            time,
            directory,
            k);
      }
    }
    List<ColumnSchema> columns = new ArrayList<>(profiles.length + 1);
    List<ColumnProfile> builtBy = new ArrayList<>(profiles.length + 1);
    if (longitudinal && idPosition < 0) {
      columns.add(new ColumnSchema(entityId, ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false));
      builtBy.add(null);
    }
    for (int c = 0; c < profiles.length; c++) {
      ColumnProfile profile = profiles[c];
      ColumnSchema column = profile.toSchema(source);
      if (statics != null
          && firstVisitProfiles[c] != null
          && column.isLearned()
          && statics.isStatic(c)) {
        // A static value is repeated on every visit, so rows overstate how often it occurs: its
        // kind is decided
        // by one value per patient (a baseline age seen on 16 visits is not a code seen 16 times).
        profile = firstVisitProfiles[c];
        ColumnSchema perPatient = profile.toSchema(source);
        column = perPatient.isLearned() ? perPatient.withStaticAttribute(true) : perPatient;
      }
      columns.add(column);
      builtBy.add(profile);
    }
    columns = SharedVocabularies.share(columns, builtBy, k);
    for (int c = 0; c < columns.size(); c++) {
      if (builtBy.get(c) != null) {
        builtBy.get(c).log(source, columns.get(c));
      }
    }
    TableSchema schema =
        TableSchema.of(columns)
            .withMissingValues(extraMissingValues(firstOptions))
            .withDecimalSeparator(decimalSeparatorOf(firstOptions));
    return longitudinal ? schema.withLongitudinal(entityId, time) : schema;
  }

  /**
   * The missing-value tokens of the options beyond the defaults, recorded in the schema for the
   * readers.
   */
  private static List<String> extraMissingValues(CsvOptions options) {
    List<String> extra = new ArrayList<>();
    for (String token : (options == null ? CsvOptions.defaults() : options).naTokens()) {
      if (!CsvOptions.DEFAULT_NA_TOKENS.contains(token)) {
        extra.add(token);
      }
    }
    return extra;
  }

  private static CsvOptions orDefaults(CsvOptions options) {
    return options == null ? CsvOptions.defaults() : options;
  }

  /** The decimal separator to record in the schema: the options', else a point. */
  private static char decimalSeparatorOf(CsvOptions options) {
    Character separator = orDefaults(options).decimalSeparator();
    return separator == null ? '.' : separator;
  }

  /** Whether a column name reads as an identifier. */
  static boolean looksLikeIdName(String name) {
    return ID_NAME.matcher(name.trim()).matches();
  }
}
