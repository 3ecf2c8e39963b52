package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ColumnView;
import io.github.syntheticpatients.runtime.SchemaView;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Infers the schema of a CSV (column kinds, categories, ranges, missing values) and writes it as
 * editable JSON, to be reviewed and passed to {@code synthetic:train} with {@code
 * -Dsynthetic.schema}. With {@code -Dsynthetic.entityId=<column> -Dsynthetic.time=<column>} the
 * schema is longitudinal: it names the patient id and time columns and marks each column static
 * (constant within a patient) or time-varying.
 */
@Mojo(name = SchemaMojo.GOAL_NAME, requiresProject = false, threadSafe = true)
public final class SchemaMojo extends AbstractSyntheticMojo {
  static final String GOAL_NAME = "schema";

  /**
   * The CSV to read; for longitudinal data also a directory scanned recursively for per-patient
   * {@code .psv} / {@code .csv} files.
   */
  @Parameter(property = PropertyNames.INPUT)
  private File input;

  /** The patient id column: makes the schema longitudinal. Set with {@code time}. */
  @Parameter(property = PropertyNames.ENTITY_ID)
  private String entityId;

  /** The time column of longitudinal data; set with {@code entityId}. */
  @Parameter(property = PropertyNames.TIME)
  private String time;

  /**
   * The JSON file to write. Default: <code>
   * ${project.build.directory}/synthetic/&lt;input name&gt;.schema.json</code>.
   */
  @Parameter(property = PropertyNames.OUTPUT)
  private File output;

  /**
   * Value protection: a category held by fewer records than this (patients, for longitudinal data)
   * is merged into {@code _RARE_}, so it appears in no schema, model or output; the schema counts
   * how many values were merged. 1 turns protection off.
   */
  @Parameter(
      property = PropertyNames.VALUE_PROTECTION_K,
      defaultValue = "" + Schemas.DEFAULT_VALUE_PROTECTION_K)
  private int valueProtectionK;

  /**
   * Field values that also mean missing, comma-separated (e.g. {@code unknown,not done}), besides
   * the defaults (empty, {@code NA}, {@code N/A}, {@code NULL}, {@code NaN}, {@code ?}, ...).
   * Recorded in the schema, so that training reads the data alike.
   */
  @Parameter(property = PropertyNames.MISSING_VALUES)
  private String missingValues;

  /**
   * How the CSV writes decimals: {@code .} ({@code 61.5}) or {@code ,} ({@code 61,5}, dots then
   * group thousands: {@code 1.234,5}). Left out, it is detected: a file whose delimiter is not a
   * comma is read with a decimal comma when its numbers are written so, and inference stops, naming
   * the columns, when some columns write {@code 61,5} and others {@code 61.5}. Recorded in the
   * schema, so that training reads the data alike.
   */
  @Parameter(property = PropertyNames.DECIMAL_SEPARATOR)
  private String decimalSeparator;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.SCHEMA_SKIP, defaultValue = "false")
  private boolean skipSchema;

  @Override
  protected String goal() {
    return GOAL_NAME;
  }

  @Override
  protected boolean isGoalSkipped() {
    return skipSchema;
  }

  @Override
  protected String goalSkipProperty() {
    return PropertyNames.SCHEMA_SKIP;
  }

  @Override
  protected Map<File, String> inputFiles() {
    return filesByProperty(input, PropertyNames.INPUT);
  }

  @Override
  protected void run() throws MojoFailureException {
    if (input == null || !input.exists()) {
      throw new MojoFailureException(
          (input == null ? "No CSV given" : "CSV " + input + " does not exist")
              + ": set -D"
              + PropertyNames.INPUT
              + "=<file.csv> (<input> in the POM).");
    }
    Longitudinal.requireBoth(entityId, time);
    boolean longitudinal = entityId != null && !entityId.isBlank();
    if (input.isDirectory() && !longitudinal) {
      throw new MojoFailureException(Longitudinal.directoryNeedsRoles(input));
    }
    File target =
        output != null
            ? output
            : new File(defaultSyntheticDirectory(), TrainMojo.inputStem(input) + ".schema.json");
    List<String> missing = Schemas.parseTokenList(missingValues);
    SchemaView schema =
        longitudinal
            ? Schemas.infer(
                input.toPath(),
                entityId.strip(),
                time.strip(),
                valueProtectionK,
                missing,
                decimalSeparator)
            : Schemas.infer(input.toPath(), valueProtectionK, missing, decimalSeparator);
    Schemas.write(schema, target.toPath());
    String roles =
        schema.isLongitudinal()
            ? ", longitudinal: patient id "
                + schema.entityId()
                + ", time "
                + schema.time()
                + ", "
                + schema.staticColumns().size()
                + " static and "
                + schema.timeVaryingColumns().size()
                + " time-varying columns"
            : "";
    logChoices(schema);
    getLog()
        .info(
            "Wrote the schema of "
                + input
                + " ("
                + schema.columns().size()
                + " columns"
                + roles
                + ") to "
                + target
                + ". Review it, then train with -D"
                + PropertyNames.SCHEMA
                + "="
                + target);
  }

  /** A summary of what inference chose to protect, after the per-column lines the runtime logs. */
  private void logChoices(SchemaView schema) {
    List<String> generated = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    int protectedValues = 0;
    for (ColumnView column : schema.columns()) {
      if (column.dropped()) {
        dropped.add(column.name());
      } else if (column.kind() == ColumnKind.IDENTIFIER) {
        generated.add(column.name());
      }
      protectedValues += column.protectedValues();
    }
    getLog()
        .info(
            "Identifiers (never learned, generated): "
                + (generated.isEmpty() ? "none" : String.join(", ", generated))
                + "; categories merged into _RARE_ (held by fewer than "
                + valueProtectionK
                + " records): "
                + protectedValues);
    if (!dropped.isEmpty()) {
      getLog()
          .warn(
              "Dropped columns (neither learned nor written): "
                  + String.join(", ", dropped)
                  + ". Each line above says"
                  + " why; to keep one, edit its entry in the schema file.");
    }
  }
}
