package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.evaluation.EvaluateRequest;
import io.github.syntheticpatients.runtime.evaluation.Evaluation;
import io.github.syntheticpatients.runtime.evaluation.EvaluationResult;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import java.io.File;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compares a synthetic CSV with the real data it was trained on (and optionally real records it
 * never saw): fidelity, utility and privacy scores in a JSON and an HTML report. Fails the build
 * when the privacy gate fails, unless {@code -Dsynthetic.failOnGate=false}.
 */
@Mojo(name = EvaluateMojo.GOAL_NAME, requiresProject = false, threadSafe = true)
public final class EvaluateMojo extends AbstractSyntheticMojo {
  static final String GOAL_NAME = "evaluate";
  static final String GATE_FAILED = "The privacy gate failed";

  /** The synthetic CSV to evaluate. */
  @Parameter(property = PropertyNames.INPUT)
  private File input;

  /** The real CSV the generator was trained on. */
  @Parameter(property = PropertyNames.REAL)
  private File real;

  /** Real records the generator never saw, for the holdout-based privacy checks. */
  @Parameter(property = PropertyNames.HOLDOUT)
  private File holdout;

  /** A JSON schema; inferred from the real data when not set. */
  @Parameter(property = PropertyNames.SCHEMA)
  private File schema;

  /**
   * The patient id column: makes the CSVs longitudinal (long format, one row per visit; overrides
   * the schema's). Set with {@code time}.
   */
  @Parameter(property = PropertyNames.ENTITY_ID)
  private String entityId;

  /** The time column of longitudinal CSVs; set with {@code entityId}. */
  @Parameter(property = PropertyNames.TIME)
  private String time;

  /**
   * Value protection of the reports: no value that fewer than this many real records hold is shown
   * (histogram edges are the k-th smallest and largest values). 1 turns it off.
   */
  @Parameter(
      property = PropertyNames.VALUE_PROTECTION_K,
      defaultValue = "" + Schemas.DEFAULT_VALUE_PROTECTION_K)
  private int valueProtectionK;

  /** The report directory ({@code report.json}, {@code report.html}). */
  @Parameter(
      property = PropertyNames.REPORT,
      defaultValue = "${project.build.directory}/synthetic/report")
  private File report;

  /** The outcome column for the utility metrics; the schema's target when not set. */
  @Parameter(property = PropertyNames.TARGET)
  private String target;

  /** A sensitive column for the attribute-disclosure check. */
  @Parameter(property = PropertyNames.SENSITIVE_COLUMN)
  private String sensitiveColumn;

  /** Seed for subsampling and classifiers; the fixed default seed when not set. */
  @Parameter(property = PropertyNames.SEED)
  private Long seed;

  /** Fails the build when the privacy gate fails. */
  @Parameter(property = PropertyNames.FAIL_ON_GATE, defaultValue = "true")
  private boolean failOnGate;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.EVALUATE_SKIP, defaultValue = "false")
  private boolean skipEvaluate;

  @Override
  protected String goal() {
    return GOAL_NAME;
  }

  @Override
  protected boolean isGoalSkipped() {
    return skipEvaluate;
  }

  @Override
  protected String goalSkipProperty() {
    return PropertyNames.EVALUATE_SKIP;
  }

  @Override
  protected Map<File, String> inputFiles() {
    return filesByProperty(
        input,
        PropertyNames.INPUT,
        real,
        PropertyNames.REAL,
        holdout,
        PropertyNames.HOLDOUT,
        schema,
        PropertyNames.SCHEMA);
  }

  @Override
  protected void run() throws MojoFailureException {
    requireFile(input, PropertyNames.INPUT, "input", "the synthetic CSV", false);
    requireFile(real, PropertyNames.REAL, "real", "the real training CSV", entityId != null);
    Longitudinal.requireBoth(entityId, time);
    EvaluationResult result =
        Evaluation.evaluate(
            new EvaluateRequest(
                input.toPath(),
                real.toPath(),
                holdout == null ? null : holdout.toPath(),
                schema == null ? null : schema.toPath(),
                report.toPath(),
                target,
                sensitiveColumn,
                seed != null ? seed : TrainSettings.DEFAULT_SEED,
                Map.of(),
                entityId,
                time,
                valueProtectionK));
    new TreeMap<>(result.scores())
        .forEach(
            (name, value) -> getLog().info(String.format(Locale.ROOT, "%-20s %.4f", name, value)));
    getLog().info("Report: " + result.htmlReport());
    double outsideDomain = result.scores().getOrDefault("syntheticValuesOutsideDomain", 0.0);
    if (outsideDomain > 0) {
      getLog()
          .warn(
              String.format(
                  Locale.ROOT,
                  "%.0f synthetic values lie outside the real data's domain (out of"
                      + " range, unseen categories, missing where the real data never is); per column in the report.",
                  outsideDomain));
    }
    if (result.gate().passed()) {
      getLog().info("The privacy gate " + result.gate().summary() + ".");
      getLog().info(result.gateSensitivity());
      if (result.gate().notEvaluated().stream().anyMatch(c -> c.rule().contains("holdout"))) {
        // a check that was not run is not a pass: say how to run it
        getLog()
            .warn(
                "Checks that need a holdout were not run: pass -D"
                    + PropertyNames.HOLDOUT
                    + " with real rows the generator never saw (synthetic:train writes its split with -Dsynthetic.options=splitDir=target/synthetic/split).");
      }
      return;
    }
    StringBuilder message = new StringBuilder(GATE_FAILED + " for " + input + ":");
    for (GateCheck check : result.gate().failures()) {
      message
          .append(System.lineSeparator())
          .append(
              String.format(
                  Locale.ROOT,
                  "  %s %s = %.4f violates %s. %s",
                  check.id(),
                  check.name(),
                  check.value(),
                  check.rule(),
                  check.advice()));
    }
    message.append(System.lineSeparator()).append("  Verdict: ").append(result.gate().summary());
    message.append(System.lineSeparator()).append("  ").append(result.gateSensitivity());
    message.append(System.lineSeparator()).append("  Report: ").append(result.htmlReport());
    if (failOnGate) {
      throw new MojoFailureException(message.toString());
    }
    getLog()
        .warn(
            message
                + System.lineSeparator()
                + "  (not failing the build: "
                + PropertyNames.FAIL_ON_GATE
                + " is false)");
  }

  /** {@code directoryAllowed}: longitudinal real data may be a directory of per-patient files. */
  private static void requireFile(
      File file, String property, String element, String what, boolean directoryAllowed)
      throws MojoFailureException {
    if (file == null || !(file.isFile() || (directoryAllowed && file.isDirectory()))) {
      throw new MojoFailureException(
          (file == null ? "No " + what + " given" : what + " " + file + " does not exist")
              + ": set -D"
              + property
              + "=<file.csv> (<"
              + element
              + "> in the POM).");
    }
  }
}
