package io.github.syntheticpatients.runtime.dp;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.eval.DpTimelineBenchmark;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The privacy–utility trade-off of DP training (issue 21; not run by the tests): {@code argn}
 * without DP and with DP-SGD at ε = 10, 3 and 1 on rotterdam (2,982 rows), each scored against the
 * held-back half by the same code as the tabular benchmark: overall quality, detection AUC, TSTR
 * ratio, the distance membership attack's AUC, and the random forest's AUC against the held-back
 * half. The DP runs declare public bounds for every numeric column (round values from the study's
 * codebook: recruitment 1978–1993, ages of adult patients, follow-up under 20 years), so no bound
 * is read from the records.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dai.djl.pytorch.num_threads=1
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.dp.DpBenchmark "-Dbenchmark.args=--epsilons
 * none,10,3,1 --seeds 1 --generators argn,ctgan,dp-vaegan"}; {@code --data pbcseq} runs {@link
 * DpTimelineBenchmark}, the timeline argn with patient-level DP. {@code --generators copula} runs
 * the Gaussian copula, without DP and fitted through Gaussian mechanisms (no DJL; its options
 * {@code dp.copulaBins}, {@code dp.copulaClip} and {@code dp.copulaMarginalShare} go in {@code
 * --configs}).
 */
public final class DpBenchmark {
  /** Public bounds of rotterdam's numeric columns, chosen from the codebook, not the data. */
  private static final Map<String, String> ROTTERDAM_BOUNDS =
      Map.of(
          "year", "1975:1995",
          "age", "18:100",
          "nodes", "0:50",
          "pgr", "0:5000",
          "er", "0:5000",
          "rtime", "0:8000",
          "dtime", "0:8000");

  /**
   * Public bounds of flchain's numeric columns (Olmsted County residents aged 50 and over, serum
   * samples of the 1990s, follow-up to about 2010), round values from the study's description.
   */
  private static final Map<String, String> FLCHAIN_BOUNDS =
      Map.of(
          "age", "50:110",
          "sample.yr", "1990:2005",
          "kappa", "0:50",
          "lambda", "0:50",
          "flc.grp", "1:10",
          "creatinine", "0:15",
          "futime", "0:7000");

  /**
   * Public bounds of colon's numeric columns (the adjuvant trial of stage B/C colon cancer: 929
   * patients numbered from 1, adults, follow-up under ten years), round values from the study's
   * description. The patient number repeats (two rows a patient), so it is learned as a number.
   */
  private static final Map<String, String> COLON_BOUNDS =
      Map.of(
          "id", "1:1000",
          "age", "18:100",
          "nodes", "0:50",
          "time", "0:4000");

  /**
   * Public bounds of nafld1's numeric columns (Olmsted County adults, 1997–2014; about 17,500
   * subjects numbered from 1, {@code case.id} the number of the matched case), round values from
   * human ranges and the study period, not the data.
   */
  private static final Map<String, String> NAFLD1_BOUNDS =
      Map.of(
          "id", "1:20000",
          "case.id", "1:20000",
          "age", "18:100",
          "weight", "30:250",
          "height", "120:220",
          "bmi", "10:90",
          "futime", "0:8000");

  /** A table: its target, sensitive column and public bounds. */
  private record Dataset(
      String name, String target, String sensitive, Map<String, String> bounds) {}

  private static final Map<String, Dataset> DATASETS =
      Map.of(
          "rotterdam", new Dataset("rotterdam", "death", "grade", ROTTERDAM_BOUNDS),
          "flchain", new Dataset("flchain", "death", "chapter", FLCHAIN_BOUNDS),
          "colon", new Dataset("colon", "status", "sex", COLON_BOUNDS),
          "nafld1", new Dataset("nafld1", "status", "male", NAFLD1_BOUNDS));

  private DpBenchmark() {}

  /** The declared bounds of a table's numeric columns, as {@code low:high} by column. */
  public static Map<String, String> bounds(String name) {
    return dataset(name).bounds();
  }

  /** A table's utility target. */
  public static String target(String name) {
    return dataset(name).target();
  }

  private static Dataset dataset(String name) {
    Dataset data = DATASETS.get(name);
    if (data == null) {
      throw new IllegalArgumentException("--data must be one of " + DATASETS.keySet());
    }
    return data;
  }

  public static void main(String[] arguments) throws IOException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    if (List.of(args).contains("pbcseq")) {
      // Timelines: the timeline argn with the patient as the unit of privacy.
      DpTimelineBenchmark.main(arguments);
      return;
    }
    List<String> epsilons = List.of("none", "10", "3", "1");
    int seeds = 1;
    // --from-seed k starts at the k-th seed, so a later run adds seeds without repeating the first.
    int fromSeed = 0;
    // Each configuration (";"-separated) is a ","-separated list of key=value: batchSize and
    // epochs go to the training settings, anything else (dp.maxGradNorm, argnHidden) is an option.
    List<String> configs = List.of("");
    Dataset data = DATASETS.get("rotterdam");
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--epsilons")) {
        epsilons = List.of(args[i + 1].split(","));
      } else if (args[i].equals("--seeds")) {
        seeds = Integer.parseInt(args[i + 1]);
      } else if (args[i].equals("--from-seed")) {
        fromSeed = Integer.parseInt(args[i + 1]);
      } else if (args[i].equals("--configs")) {
        configs = List.of(args[i + 1].split(";"));
      } else if (args[i].equals("--data")) {
        data = dataset(args[i + 1]);
      }
    }
    Path csv = resource(data.name());
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(data.target());
    Table all = CsvTableReader.read(csv, schema, null);
    Path work = Files.createTempDirectory("synthetic-dp-benchmark");
    String[] header = EvaluationBenchmark.header().split("\n");
    System.out.println(header[0] + " tree AUC vs held-back |\n" + header[1] + "---|");
    for (int s = fromSeed; s < fromSeed + seeds; s++) {
      long seed = 20261206L + s;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table train = split.train();
      Path trainCsv = work.resolve(data.name() + "-train-" + s + ".csv");
      Path schemaFile = work.resolve(data.name() + ".schema.json");
      CsvRecordWriter.write(
          trainCsv,
          schema.outputColumns().stream().map(ColumnSchema::name).toList(),
          ValueFormat.toRecords(train));
      Schemas.write(schema, schemaFile);
      for (String generator : generators(args)) {
        for (String epsilon : epsilons) {
          if (epsilon.equals("none") && !hasNonDpMode(generator)) {
            System.out.println("  " + generator + ": no run without DP (it is a DP design)");
            continue;
          }
          for (String config : epsilon.equals("none") ? List.of("") : configs) {
            run(data, split, trainCsv, schemaFile, work, generator, epsilon, config, seed, s);
          }
        }
      }
    }
  }

  private static void run(
      Dataset data,
      EvaluationBenchmark.Split split,
      Path trainCsv,
      Path schemaFile,
      Path work,
      String generator,
      String epsilon,
      String config,
      long seed,
      int s)
      throws IOException {
    Table train = split.train();
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator(generator)
            .withSeed(seed)
            .withOption("privacyGate", "warn");
    if (!epsilon.equals("none")) {
      // "sigma=0.01": a given noise multiplier and no target, e.g. to see what the public
      // encoding alone costs.
      settings =
          epsilon.startsWith("sigma=")
              ? settings.withOption(DpSettings.NOISE_MULTIPLIER, epsilon.substring(6))
              : settings.withOption(DpSettings.EPSILON, epsilon);
      for (Map.Entry<String, String> bound : data.bounds().entrySet()) {
        settings = settings.withOption(DpSettings.BOUNDS_PREFIX + bound.getKey(), bound.getValue());
      }
      for (String pair : config.isBlank() ? new String[0] : config.split(",")) {
        String[] kv = pair.split("=", 2);
        settings =
            switch (kv[0]) {
              case "batchSize" -> settings.withBatchSize(Integer.parseInt(kv[1]));
              case "epochs" -> settings.withEpochs(Integer.parseInt(kv[1]));
              default -> settings.withOption(kv[0], kv[1]);
            };
      }
    }
    Path model =
        work.resolve(
            data.name()
                + "-"
                + generator
                + "-"
                + epsilon
                + "-"
                + config.hashCode()
                + "-"
                + s
                + ".synth");
    // The plan and the share of clipped gradients, as the trainer reports them.
    List<String> messages = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onMessage(String message) {
            if (message.startsWith("DP-SGD") || message.startsWith("DP copula")) {
              messages.add(message);
            }
          }
        };
    long start = System.nanoTime();
    Training.train(new TrainRequest(trainCsv, schemaFile, model, settings, true), listener);
    double seconds = (System.nanoTime() - start) / 1e9;
    messages.forEach(m -> System.out.println("  " + m));
    SyntheticModel loaded = ModelLoader.load(model.toString());
    Table synthetic = Table.of(loaded.sample(SampleRequest.of(train.rowCount(), seed + 7)).table());
    String label =
        String.format(
            Locale.ROOT,
            "%s %s%s, seed %d (%s; trained in %.0f s)",
            generator,
            epsilon.equals("none")
                ? "no DP"
                : epsilon.startsWith("sigma") ? epsilon : "ε=" + epsilon,
            config.isBlank() ? "" : " " + config,
            seed,
            loaded.info().privacyGuarantee().orElse("no DP"),
            seconds);
    System.out.println(
        EvaluationBenchmark.row(
                data.name(),
                label,
                train,
                split.holdout(),
                synthetic,
                data.target(),
                data.sensitive(),
                seed)
            + String.format(
                Locale.ROOT, " %.3f |", TreeDetection.auc(split.holdout(), synthetic, seed)));
  }

  /**
   * The generators to compare, from {@code --generators} (e.g. {@code argn,ctgan,dp-vaegan}); argn
   * when not given.
   */
  private static List<String> generators(String[] args) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--generators")) {
        return List.of(args[i + 1].split(","));
      }
    }
    return List.of("argn");
  }

  /** Whether {@code generator} also trains without DP (dp-vaegan exists only with DP-SGD). */
  private static boolean hasNonDpMode(String generator) {
    return !generator.equals("dp-vaegan");
  }

  private static Path resource(String name) {
    try {
      return Path.of(DpBenchmark.class.getResource("/data/" + name + ".csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
