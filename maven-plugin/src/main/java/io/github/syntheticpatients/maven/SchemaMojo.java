package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.File;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Infers the schema of a CSV (column kinds, categories, ranges, missing values) and writes it as editable JSON, to be
 * reviewed and passed to {@code synthetic:train} with {@code -Dsynthetic.schema}.
 */
@Mojo(name = SchemaMojo.GOAL_NAME, requiresProject = false, threadSafe = true)
public final class SchemaMojo extends AbstractSyntheticMojo {
  static final String GOAL_NAME = "schema";

  /** The CSV to read. */
  @Parameter(property = PropertyNames.INPUT)
  private File input;

  /** The JSON file to write. Default: <code>${project.build.directory}/synthetic/&lt;input name&gt;.schema.json</code>. */
  @Parameter(property = PropertyNames.OUTPUT)
  private File output;

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
    if (input == null || !input.isFile()) {
      throw new MojoFailureException(
          (input == null ? "No CSV given" : "CSV " + input + " does not exist") + ": set -D" + PropertyNames.INPUT
              + "=<file.csv> (<input> in the POM).");
    }
    File target = output != null ? output : new File(defaultSyntheticDirectory(), TrainMojo.stem(input.getName()) + ".schema.json");
    TableSchema schema = Schemas.infer(input.toPath());
    Schemas.write(schema, target.toPath());
    getLog()
        .info(
            "Wrote the schema of " + input + " (" + schema.columns().size() + " columns) to " + target
                + ". Review it, then train with -D" + PropertyNames.SCHEMA + "=" + target);
  }
}
