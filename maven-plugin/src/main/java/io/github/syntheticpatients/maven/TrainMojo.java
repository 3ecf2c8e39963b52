package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.OptionStrings;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.training.TrainProtocol;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Learns a model from a CSV and writes the model file. With {@code -Dsynthetic.entityId=<column>
 * -Dsynthetic.time=<column>} the data is longitudinal (one row per patient visit, or a directory of
 * per-patient {@code .psv}/{@code .csv} files) and the model generates whole patient timelines.
 *
 * <p>Incremental like a compiler: when the model file exists and records the same input sha256,
 * schema, settings, seed and tool version, training is skipped ({@code -Dsynthetic.force=true}
 * retrains).
 *
 * <p>Training runs in a forked JVM (as Surefire forks tests) because DJL's native library loads
 * once per JVM and classloader; the fork's classpath (runtime, DJL, PyTorch for this platform) is
 * resolved from the project's repositories the first time and then comes from the local repository.
 */
@Mojo(name = TrainMojo.GOAL_NAME, requiresProject = false, threadSafe = true)
public final class TrainMojo extends AbstractSyntheticMojo {
  static final String GOAL_NAME = "train";
  static final String NO_INPUT =
      "No training data: set -D" + PropertyNames.INPUT + "=<file.csv> (<input> in the POM).";

  /**
   * The training CSV (header row, comma-separated, empty fields for missing values). For
   * longitudinal data a long-format CSV (one row per visit) or a directory scanned recursively for
   * per-patient {@code .psv} / {@code .csv} files.
   */
  @Parameter(property = PropertyNames.INPUT)
  private File input;

  /**
   * The patient id column: makes the data longitudinal without a schema file (overrides the
   * schema's). Set with {@code time}.
   */
  @Parameter(property = PropertyNames.ENTITY_ID)
  private String entityId;

  /** The time column of longitudinal data (visit day, hour …); set with {@code entityId}. */
  @Parameter(property = PropertyNames.TIME)
  private String time;

  /** An edited JSON schema (see {@code synthetic:schema}); inferred from the CSV when not set. */
  @Parameter(property = PropertyNames.SCHEMA)
  private File schema;

  /**
   * The model file to write. Default: <code>
   * ${project.build.directory}/synthetic/&lt;input name&gt;.synth</code>.
   */
  @Parameter(property = PropertyNames.OUTPUT)
  private File output;

  /**
   * The generator: {@code auto} (tables: a Gaussian copula and, on tables of 1,000 rows or more,
   * argn, kept only when clearly better on the validation part; longitudinal data: argn), {@code
   * argn} (autoregressive), {@code ctgan}, {@code basic}, {@code copula}, {@code lstm-wgan}
   * (longitudinal only) or {@code dp-vaegan} (with the dp options only); see docs/generators.md.
   */
  @Parameter(property = PropertyNames.GENERATOR, defaultValue = TrainSettings.DEFAULT_GENERATOR)
  private String generator;

  /** Passes over the training data; 0 chooses from the data size. */
  @Parameter(property = PropertyNames.EPOCHS, defaultValue = "0")
  private int epochs;

  /** Rows per training step; 0 chooses from the data size. */
  @Parameter(property = PropertyNames.BATCH_SIZE, defaultValue = "0")
  private int batchSize;

  /**
   * The training seed. When not set, the fixed seed 12345 ({@code TrainSettings.DEFAULT_SEED}) is
   * used, so a plain {@code train} is reproducible.
   */
  @Parameter(property = PropertyNames.SEED)
  private Long seed;

  /**
   * Value protection: the model stores no value that fewer than this many training records hold
   * (numeric and date bounds are the k-th smallest and largest values). 1 turns it off. Overrides a
   * {@code valueProtectionK} option.
   */
  @Parameter(
      property = PropertyNames.VALUE_PROTECTION_K,
      defaultValue = "" + Schemas.DEFAULT_VALUE_PROTECTION_K)
  private int valueProtectionK;

  /**
   * Generator-specific options as {@code key=value}, e.g. {@code -Dsynthetic.options=argnHidden=32}
   * (docs/generators.md lists them; one that the chosen generator would not read is refused).
   */
  @Parameter(property = PropertyNames.OPTIONS)
  private List<String> options;

  /**
   * Differential privacy: the target ε. Trains with DP-SGD, the noise multiplier searched so that
   * the planned steps stay within it; training stops before it is exceeded. Needs
   * -Dsynthetic.generator=argn, ctgan or dp-vaegan, or copula (two Gaussian mechanisms; auto fits
   * it under DP) (longitudinal data: argn, or dp-vaegan on fixed-length series with {@code
   * vaegan.steps}; one patient per example) and public bounds of every numeric column ({@code
   * -Dsynthetic.options=dp.bounds.age=18:100}); longitudinal data also the time column's bounds
   * and, for argn, {@code maxVisits}. See docs/privacy-dp.md. Sets the {@code dp.epsilon} option.
   */
  @Parameter(property = PropertyNames.DP_EPSILON)
  private Double dpEpsilon;

  /**
   * Differential privacy: the noise multiplier σ instead of a target ε (with both, ε caps
   * training). Sets the {@code dp.noiseMultiplier} option.
   */
  @Parameter(property = PropertyNames.DP_NOISE_MULTIPLIER)
  private Double dpNoiseMultiplier;

  /**
   * Differential privacy: δ, below 1/(training records). Default min(1e-5, n^-1.1). Sets the {@code
   * dp.delta} option.
   */
  @Parameter(property = PropertyNames.DP_DELTA)
  private Double dpDelta;

  /**
   * Differential privacy: the clip norm of one record's gradient (default 1.0). Sets the {@code
   * dp.maxGradNorm} option.
   */
  @Parameter(property = PropertyNames.DP_MAX_GRAD_NORM)
  private Double dpMaxGradNorm;

  /** Retrains even when the model file is up to date. */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  private boolean force;

  /** Extra JVM arguments for the forked training JVM, e.g. {@code -Xmx2g}. */
  @Parameter(property = PropertyNames.JVM_ARGS)
  private String jvmArgs;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.TRAIN_SKIP, defaultValue = "false")
  private boolean skipTrain;

  @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
  private List<RemoteRepository> remoteRepositories;

  private final RepositorySystem repositorySystem;

  @Inject
  public TrainMojo(RepositorySystem repositorySystem) {
    this.repositorySystem = repositorySystem;
  }

  @Override
  protected String goal() {
    return GOAL_NAME;
  }

  @Override
  protected boolean isGoalSkipped() {
    return skipTrain;
  }

  @Override
  protected String goalSkipProperty() {
    return PropertyNames.TRAIN_SKIP;
  }

  @Override
  protected Map<File, String> inputFiles() {
    return filesByProperty(input, PropertyNames.INPUT, schema, PropertyNames.SCHEMA);
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    if (input == null) {
      throw new MojoFailureException(NO_INPUT);
    }
    if (!input.exists()) {
      throw new MojoFailureException(
          "Training data "
              + input
              + " does not exist: fix -D"
              + PropertyNames.INPUT
              + " (<input> in the POM).");
    }
    Longitudinal.requireBoth(entityId, time);
    if (input.isDirectory() && schema == null && (entityId == null || entityId.isBlank())) {
      throw new MojoFailureException(Longitudinal.directoryNeedsRoles(input));
    }
    if (schema != null && !schema.isFile()) {
      throw new MojoFailureException(
          "Schema "
              + schema
              + " does not exist: fix -D"
              + PropertyNames.SCHEMA
              + " (<schema> in the POM), or leave it out to infer the schema.");
    }
    File model =
        output != null
            ? output
            : new File(defaultSyntheticDirectory(), inputStem(input) + ".synth");
    TrainRequest request =
        new TrainRequest(
                input.toPath(),
                schema == null ? null : schema.toPath(),
                model.toPath(),
                settings(),
                force)
            .withLongitudinal(entityId, time);
    if (!force && Training.isUpToDate(request)) {
      getLog()
          .info(
              "Model "
                  + model
                  + " is up to date (same input, schema, settings, seed and tool version);"
                  + " skipping training. Set -D"
                  + PropertyNames.FORCE
                  + "=true to retrain.");
      return;
    }
    fork(request);
  }

  private TrainSettings settings() {
    Map<String, String> parsed =
        new TreeMap<>(OptionStrings.parse(options == null ? List.of() : options, "options"));
    parsed.put(Schemas.VALUE_PROTECTION_OPTION, Integer.toString(valueProtectionK));
    putIfSet(parsed, "dp.epsilon", dpEpsilon);
    putIfSet(parsed, "dp.noiseMultiplier", dpNoiseMultiplier);
    putIfSet(parsed, "dp.delta", dpDelta);
    putIfSet(parsed, "dp.maxGradNorm", dpMaxGradNorm);
    return new TrainSettings(
        generator, epochs, batchSize, seed != null ? seed : TrainSettings.DEFAULT_SEED, parsed);
  }

  private static void putIfSet(Map<String, String> options, String key, Double value) {
    if (value != null) {
      options.put(key, value.toString());
    }
  }

  private void fork(TrainRequest request) throws MojoExecutionException, MojoFailureException {
    String os = System.getProperty("os.name");
    String arch = System.getProperty("os.arch");
    String classifier =
        NativePlatform.classifier(os, arch)
            .orElseThrow(
                () ->
                    new MojoExecutionException(
                        "Training needs PyTorch, which has no CPU build for "
                            + os
                            + "/"
                            + arch
                            + ". Supported: "
                            + String.join(", ", NativePlatform.SUPPORTED)
                            + "."
                            + " Train on one of these and copy the .synth file; generate works everywhere."));
    List<File> classpath =
        new TrainingClasspath(
                repositorySystem, session().getRepositorySession(), remoteRepositories)
            .resolve(plugin().getVersion(), classifier);
    // The model's path is said once, in the training JVM's last line.
    getLog()
        .info(
            "Training on "
                + request.input()
                + " in a forked JVM (generator "
                + request.settings().generator()
                + ", seed "
                + request.settings().seed()
                + (getLog().isDebugEnabled() ? ", every epoch" : "")
                + ")");
    TrainingFork.Outcome outcome;
    try {
      outcome =
          TrainingFork.train(
              new File(System.getProperty("java.home")),
              splitJvmArgs(jvmArgs),
              classpath,
              request,
              baseDirectory(),
              getLog().isDebugEnabled(),
              line -> getLog().info(line),
              line -> getLog().debug(line));
    } catch (IOException e) {
      throw new MojoExecutionException("Could not run the training JVM: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted while training", e);
    }
    if (outcome.exitCode() == TrainProtocol.EXIT_USER_ERROR) {
      throw new MojoFailureException(namingTheProperty(outcome.message(), request));
    }
    if (outcome.exitCode() != TrainProtocol.EXIT_OK) {
      throw new MojoExecutionException(
          "The training JVM failed (exit " + outcome.exitCode() + "): " + outcome.message());
    }
    // The child's last stdout line ("Trained <model> in … s: … epochs run") closes the goal's log.
    for (String line : outcome.meaningful()) {
      getLog().warn(line);
    }
  }

  /** Prefixes a message about the input or schema file with the property that named the file. */
  static String namingTheProperty(String message, TrainRequest request) {
    if (message.startsWith(request.input().toAbsolutePath().toString())) {
      return "Invalid file given by -D" + PropertyNames.INPUT + ": " + message;
    }
    if (request.schemaFile() != null
        && message.startsWith(request.schemaFile().toAbsolutePath().toString())) {
      return "Invalid file given by -D" + PropertyNames.SCHEMA + ": " + message;
    }
    return message;
  }

  static List<String> splitJvmArgs(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return List.of(text.strip().split("\\s+"));
  }

  /**
   * The name a default output file takes after the input: a file's name without extension, a
   * directory's name.
   */
  static String inputStem(File input) {
    return input.isDirectory()
        ? input.getAbsoluteFile().toPath().normalize().getFileName().toString()
        : stem(input.getName());
  }

  static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
