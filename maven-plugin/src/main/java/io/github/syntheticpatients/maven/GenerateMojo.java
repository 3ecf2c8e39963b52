package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.GenerateResult;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.LocalZoo;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Samples synthetic patient records from a model to a CSV or JSON-lines file, with a provenance
 * file next to it ({@code <output>.provenance.json}: model sha256, seed and its source, rows,
 * versions). The same model, seed and rows give a byte-identical file, on any number of threads.
 * Streams: records go from blocks sampled in parallel to the file, so any count runs in a small
 * heap, with a progress line now and then on long runs. Plain Java: needs no native library. Runs
 * with no pom.xml too:
 *
 * <pre>
 * {@code mvn io.github.syntheticpatients:synthetic-maven-plugin:<version>:generate -Dsynthetic.rows=100}
 * </pre>
 */
@Mojo(
    name = GenerateMojo.GOAL_NAME,
    defaultPhase = LifecyclePhase.GENERATE_TEST_RESOURCES,
    requiresProject = false,
    threadSafe = true)
public final class GenerateMojo extends AbstractSyntheticMojo {
  static final String GOAL_NAME = "generate";

  /** Where the seed came from when {@code synthetic.seed} is not set. */
  static final String DEFAULT_SEED_SOURCE = "default";

  /**
   * The model: a model-zoo id ({@code default}), a model file path, or a classpath resource ({@code
   * classpath:models/x.synth}, from the plugin's dependencies).
   */
  @Parameter(property = PropertyNames.MODEL, defaultValue = ModelLoader.DEFAULT_MODEL)
  private String model;

  /**
   * A team's local model zoo: a directory of {@code .synth} files (with its sub-directories), each
   * available as {@code model} by its file name without {@code .synth}, before the bundled zoo.
   */
  @Parameter(property = PropertyNames.ZOO)
  private File zoo;

  /**
   * Number of records to write. For a longitudinal model the number of patients: the CSV then has
   * one row per visit, and JSON lines one patient per line with its visits.
   */
  @Parameter(property = PropertyNames.ROWS, defaultValue = "1000")
  private int rows;

  /**
   * The sampling seed. When not set, the fixed seed 12345 ({@code TrainSettings.DEFAULT_SEED}) is
   * used (and recorded with source {@code default}), so a build without a seed is still
   * reproducible.
   */
  @Parameter(property = PropertyNames.SEED)
  private Long seed;

  /**
   * The file to write. Default: <code>
   * ${project.build.directory}/synthetic/&lt;model&gt;.&lt;format&gt;</code>.
   */
  @Parameter(property = PropertyNames.OUTPUT)
  private File output;

  /** {@code csv} (with a header row) or {@code jsonl} (one JSON object per line). */
  @Parameter(property = PropertyNames.FORMAT, defaultValue = "csv")
  private String format;

  /**
   * Conditions every record must meet, e.g. {@code -Dsynthetic.conditions=sex=f,status=2}, or in
   * the POM {@code <conditions><condition>sex=f</condition></conditions>}.
   */
  @Parameter(property = PropertyNames.CONDITIONS)
  private List<String> conditions;

  /**
   * How many threads sample and format blocks of records at once. Default: one per available
   * processor. The file is the same for any number.
   */
  @Parameter(property = PropertyNames.THREADS)
  private Integer threads;

  /**
   * A class distribution for one categorical or binary column: {@code -Dsynthetic.balance=death}
   * gives every category equally many records, {@code -Dsynthetic.balance=death:1=0.5} gives
   * category 1 half of them (the categories not listed share the rest). Each class is sampled with
   * the class fixed by the generator itself (the copula's exact conditioning, the GAN's conditional
   * vector), so a rare class costs no rejection. The classes take turns: any number of records
   * starting at the first holds each class within one record of its share, and every block of 4,096
   * records (256 patients) holds it exactly.
   */
  @Parameter(property = PropertyNames.BALANCE)
  private String balance;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.GENERATE_SKIP, defaultValue = "false")
  private boolean skipGenerate;

  @Override
  protected String goal() {
    return GOAL_NAME;
  }

  @Override
  protected boolean isGoalSkipped() {
    return skipGenerate;
  }

  @Override
  protected String goalSkipProperty() {
    return PropertyNames.GENERATE_SKIP;
  }

  @Override
  protected Map<File, String> inputFiles() {
    return filesByProperty(new File(model), PropertyNames.MODEL, zoo, PropertyNames.ZOO);
  }

  @Override
  protected void run() {
    OutputFormat outputFormat = OutputFormat.parse(format);
    File target =
        output != null
            ? output
            : new File(
                defaultSyntheticDirectory(), fileStem(model) + "." + outputFormat.extension());
    String reference = zoo == null ? model : LocalZoo.open(zoo.toPath()).resolve(model);
    GenerateRequest request =
        request(reference, rows, seed, target, outputFormat, conditions, threads, balance);
    GenerateResult result = Generation.generate(request, getLog()::info);
    String what =
        result.longitudinal()
            ? result.patients() + " patients (" + result.rows() + " visits)"
            : result.rows() + " records";
    getLog()
        .info(
            "Wrote "
                + what
                + " to "
                + result.output()
                + " (model "
                + result.modelId()
                + ", seed "
                + result.seed()
                + " from "
                + request.seedSource()
                + ")");
    getLog().info("Provenance: " + result.provenance());
  }

  /**
   * The runtime's request for the goal's parameters; an unset seed is the fixed default, unset
   * threads one per processor.
   */
  static GenerateRequest request(
      String model,
      int rows,
      Long seed,
      File target,
      OutputFormat format,
      List<String> conditions,
      Integer threads,
      String balance) {
    long actualSeed = seed != null ? seed : TrainSettings.DEFAULT_SEED;
    String seedSource = seed != null ? PropertyNames.SEED : DEFAULT_SEED_SOURCE;
    return new GenerateRequest(
        model,
        rows,
        actualSeed,
        seedSource,
        target.toPath(),
        format,
        conditions,
        threads != null ? threads : GenerateRequest.defaultThreads(),
        balance);
  }

  /**
   * A file-name-safe stem for a model reference: {@code classpath:models/pbc.synth} gives {@code
   * pbc}.
   */
  static String fileStem(String modelReference) {
    String name = modelReference.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    name = name.substring(name.lastIndexOf(':') + 1);
    if (name.toLowerCase(Locale.ROOT).endsWith(".synth")) {
      name = name.substring(0, name.length() - ".synth".length());
    }
    name = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "model" : name;
  }
}
