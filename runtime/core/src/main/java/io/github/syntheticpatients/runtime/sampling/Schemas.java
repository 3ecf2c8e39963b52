package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.SchemaView;
import io.github.syntheticpatients.runtime.TimelinesView;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.LongitudinalInput;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infers, reads and writes table schemas. A typical flow infers a schema from the real CSV once,
 * writes it as JSON for a person to check and edit (set the target, mark a code column categorical,
 * drop a column), and reads the edited file for training. Longitudinal data (one row per patient
 * visit) also names the patient id and time columns and marks each column static or time-varying;
 * {@link #readTimelines} reads it grouped by patient.
 */
public final class Schemas {
  private static final Logger LOG = LoggerFactory.getLogger(Schemas.class);

  private Schemas() {}

  /** The property that sets the decimal separator, named in its errors. */
  private static final String DECIMAL_SEPARATOR_PROPERTY =
      "synthetic." + CsvOptions.DECIMAL_SEPARATOR_OPTION;

  /**
   * Value protection's default k, for adapters' parameter defaults (owned by {@code
   * ValueProtection}).
   */
  public static final int DEFAULT_VALUE_PROTECTION_K = ValueProtection.DEFAULT_K;

  /** The training option that sets value protection's k (owned by {@code ValueProtection}). */
  public static final String VALUE_PROTECTION_OPTION = ValueProtection.OPTION;

  /**
   * Reads a list option such as {@code synthetic.missingValues} ({@code "NA, ?, -999"}) the way the
   * CSV reader does.
   */
  public static List<String> parseTokenList(String tokens) {
    return CsvOptions.parseTokenList(tokens);
  }

  /**
   * Infers the schema of a CSV (streaming; the file may be large), with the delimiter detected and
   * the default missing-value tokens ({@link CsvOptions#DEFAULT_NA_TOKENS}) and value protection
   * ({@link ValueProtection#DEFAULT_K}). The rules are described in {@link SchemaInference}.
   *
   * @throws InvalidInputException if the CSV is empty, has no data rows, duplicate column names or
   *     ragged rows
   */
  public static SchemaView infer(Path csv) {
    return SchemaInference.infer(csv, CsvOptions.defaults());
  }

  /**
   * Infers the schema of a CSV as {@link #infer(Path)}, with the user's value protection and
   * missing-value tokens.
   *
   * @param valueProtectionK categories held by fewer records are merged into {@code _RARE_} ({@code
   *     synthetic.valueProtectionK}, at least 1; the default is {@link ValueProtection#DEFAULT_K})
   * @param missingValues field values that also mean missing ({@code synthetic.missingValues}),
   *     recorded in the schema so that training reads the data alike; may be empty
   * @throws InvalidInputException for k below 1, or if the CSV is empty, has no data rows,
   *     duplicate column names or ragged rows
   */
  public static SchemaView infer(Path csv, int valueProtectionK, List<String> missingValues) {
    return infer(csv, valueProtectionK, missingValues, null);
  }

  /**
   * Infers the schema of a CSV as {@link #infer(Path, int, List)}, with the user's decimal
   * separator.
   *
   * @param decimalSeparator {@code "."} or {@code ","} ({@code synthetic.decimalSeparator}), or
   *     null or blank to detect it: a file whose delimiter is not a comma is read with a decimal
   *     comma when its numbers are written so ({@code 61,5}); recorded in the schema so that
   *     training reads the data alike
   * @throws InvalidInputException also for another separator, or when the columns of a file
   *     disagree on it (some {@code 61,5}, some {@code 61.5}), naming them
   */
  public static SchemaView infer(
      Path csv, int valueProtectionK, List<String> missingValues, String decimalSeparator) {
    return SchemaInference.infer(
        csv, csvOptions(missingValues, decimalSeparator), valueProtectionK);
  }

  /** The CSV options of the user's settings. */
  private static CsvOptions csvOptions(List<String> missingValues, String decimalSeparator) {
    return CsvOptions.defaults()
        .withExtraNaTokens(missingValues)
        .withDecimalSeparator(
            CsvOptions.parseDecimalSeparator(decimalSeparator, DECIMAL_SEPARATOR_PROPERTY));
  }

  /**
   * Infers a longitudinal schema (one row per patient visit) from a long-format CSV or a directory
   * of per-patient files such as PhysioNet's {@code .psv} (pipe-separated, scanned recursively),
   * with the default CSV options: column kinds by the {@link SchemaInference} rules over all
   * visits, the patient id column an identifier, the time column continuous, and each column marked
   * static (constant within every patient) or time-varying as described in {@link
   * SchemaInference#inferLongitudinal}.
   *
   * @param input a long-format CSV, or a directory of per-patient {@code .psv} / {@code .csv} files
   * @param entityId the patient id column ({@code synthetic.entityId}); when a directory's files
   *     lack it, each file is one patient named by its file name and the schema gets the column
   *     first
   * @param time the time column ({@code synthetic.time})
   * @throws InvalidInputException if a column is not in the header, the time column holds text, a
   *     visit has no patient id, or a file is malformed
   */
  public static SchemaView infer(Path input, String entityId, String time) {
    return SchemaInference.inferLongitudinal(input, CsvOptions.defaults(), entityId, time);
  }

  /**
   * Infers a longitudinal schema as {@link #infer(Path, String, String)}, with the user's value
   * protection (k counts patients) and missing-value tokens (see {@link #infer(Path, int, List)}).
   */
  public static SchemaView infer(
      Path input, String entityId, String time, int valueProtectionK, List<String> missingValues) {
    return infer(input, entityId, time, valueProtectionK, missingValues, null);
  }

  /**
   * Infers a longitudinal schema as {@link #infer(Path, String, String, int, List)}, with the
   * user's decimal separator (see {@link #infer(Path, int, List, String)}).
   */
  public static SchemaView infer(
      Path input,
      String entityId,
      String time,
      int valueProtectionK,
      List<String> missingValues,
      String decimalSeparator) {
    return SchemaInference.inferLongitudinal(
        input, csvOptions(missingValues, decimalSeparator), entityId, time, valueProtectionK);
  }

  /**
   * Makes a schema longitudinal for the given data, for a schema file written without patient id
   * and time (e.g. when {@code synthetic.entityId} and {@code synthetic.time} are given on the
   * command line): names the two columns, adds the id column first (an identifier) when the input
   * is a directory whose files lack it, and marks static the learned columns that never change
   * within a patient, by the rules of {@link SchemaInference#inferLongitudinal} (one streaming pass
   * over the data). A time column the schema holds as categories or an identifier (as tabular
   * inference may, for few or increasing times) takes its longitudinal kind, a number or a date. A
   * schema that already names the same id and time columns is returned as it is, so its own static
   * flags win.
   *
   * @param view the schema as read ({@link #read})
   * @param input the long-format CSV or directory of per-patient files the schema describes
   * @param entityId the patient id column ({@code synthetic.entityId})
   * @param time the time column ({@code synthetic.time})
   * @throws InvalidInputException naming {@code synthetic.entityId} or {@code synthetic.time} when
   *     the column is not in the schema or the time column is dropped, or for a problem in the data
   *     (e.g. a time that is text)
   */
  public static SchemaView withLongitudinal(
      SchemaView view, Path input, String entityId, String time) {
    TableSchema schema = TableSchema.of(view);
    if (entityId != null
        && entityId.equals(schema.entityId())
        && time != null
        && time.equals(schema.time())) {
      return schema;
    }
    TableSchema inferred =
        SchemaInference.inferLongitudinal(
            input, CsvOptions.defaults().withSchema(schema), entityId, time);
    List<ColumnSchema> columns = new ArrayList<>();
    if (schema.indexOf(entityId) < 0
        && inferred.indexOf(entityId) == 0
        && Files.isDirectory(input)) {
      columns.add(inferred.columns().get(0)); // the files have no id column: one patient per file
    }
    for (ColumnSchema column : schema.columns()) {
      if (column.name().equals(time) && !column.dropped() && !column.kind().isContinuous()) {
        // Tabular inference makes a few distinct visit times codes (months 0, 6, 12) or an
        // increasing hour count
        // an identifier; a time column can only be a number or a date, so take the longitudinal
        // reading of it.
        ColumnSchema continuous = inferred.column(time).orElseThrow();
        LOG.info(
            "The time column '{}' is {} in the schema; it is read as {}",
            time,
            column.kind(),
            continuous.kind());
        columns.add(continuous);
        continue;
      }
      boolean isStatic =
          column.isLearned()
              && inferred.column(column.name()).map(ColumnSchema::staticAttribute).orElse(false);
      columns.add(column.withStaticAttribute(isStatic));
    }
    TableSchema withColumns = schema.withColumns(columns);
    requireRole(withColumns, entityId, "patient id", LongitudinalInput.ENTITY_ID_PARAMETER);
    requireRole(withColumns, time, "time", LongitudinalInput.TIME_PARAMETER);
    if (withColumns.column(time).orElseThrow().dropped()) {
      throw InvalidInputException.inParameter(
          LongitudinalInput.TIME_PARAMETER,
          "the time column '"
              + time
              + "' is dropped in the schema; remove \"drop\": true from it in the schema"
              + " file, or name another column");
    }
    return withColumns.withLongitudinal(entityId, time);
  }

  private static void requireRole(
      TableSchema schema, String column, String role, String parameter) {
    if (schema.indexOf(column) < 0) {
      throw InvalidInputException.inParameter(
          parameter,
          "the "
              + role
              + " column '"
              + column
              + "' is not in the schema, whose columns are "
              + schema.columns().stream().map(ColumnSchema::name).toList()
              + "; set "
              + parameter
              + " to one of them");
    }
  }

  /**
   * Reads longitudinal data into timelines grouped by patient and sorted by time, with the default
   * CSV options (delimiter detected, {@code .psv} files pipe-separated; missing-value tokens as in
   * {@link #infer(Path)}).
   *
   * @param input a long-format CSV, or a directory of per-patient {@code .psv} / {@code .csv} files
   * @param schema a longitudinal schema (entity id and time set)
   * @throws InvalidInputException naming file, line and column of a value that does not fit the
   *     schema, a visit without patient id or time, or a static column that changes within a
   *     patient, with the fix
   */
  public static TimelinesView readTimelines(Path input, SchemaView schema) {
    return TimelineReader.read(input, TableSchema.of(schema), CsvOptions.defaults());
  }

  /**
   * Reads an editable JSON schema.
   *
   * @throws InvalidInputException naming the file, line and character of what is wrong, with the
   *     fix
   */
  public static SchemaView read(Path json) {
    return SchemaJson.read(json);
  }

  /** Writes an editable JSON schema atomically (deterministic bytes). */
  public static void write(SchemaView schema, Path json) {
    SchemaJson.write(TableSchema.of(schema), json);
  }
}
