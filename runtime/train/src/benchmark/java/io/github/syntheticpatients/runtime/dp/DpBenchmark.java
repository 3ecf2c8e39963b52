package io.github.syntheticpatients.runtime.dp;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueFormat;
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
 * none,10,3,1 --seeds 1"}.
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

  private DpBenchmark() {}

  public static void main(String[] arguments) throws IOException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    List<String> epsilons = List.of("none", "10", "3", "1");
    int seeds = 1;
    List<String> extra = List.of();
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--epsilons")) {
        epsilons = List.of(args[i + 1].split(","));
      } else if (args[i].equals("--seeds")) {
        seeds = Integer.parseInt(args[i + 1]);
      } else if (args[i].equals("--dp-options")) {
        extra = List.of(args[i + 1].split(","));
      }
    }
    String target = "death";
    String sensitive = "grade";
    Path csv = resource("rotterdam");
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(target);
    Table all = CsvTableReader.read(csv, schema, null);
    Path work = Files.createTempDirectory("synthetic-dp-benchmark");
    String[] header = EvaluationBenchmark.header().split("\n");
    System.out.println(header[0] + " tree AUC vs held-back |\n" + header[1] + "---|");
    for (int s = 0; s < seeds; s++) {
      long seed = 20261206L + s;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table train = split.train();
      Path trainCsv = work.resolve("rotterdam-train-" + s + ".csv");
      Path schemaFile = work.resolve("rotterdam.schema.json");
      CsvRecordWriter.write(
          trainCsv,
          schema.outputColumns().stream().map(ColumnSchema::name).toList(),
          ValueFormat.toRecords(train));
      Schemas.write(schema, schemaFile);
      for (String epsilon : epsilons) {
        TrainSettings settings =
            TrainSettings.defaults()
                .withGenerator("argn")
                .withSeed(seed)
                .withOption("privacyGate", "warn");
        if (!epsilon.equals("none")) {
          // "sigma=0.01": a given noise multiplier and no target, e.g. to see what the public
          // encoding alone costs.
          settings =
              epsilon.startsWith("sigma=")
                  ? settings.withOption(DpSettings.NOISE_MULTIPLIER, epsilon.substring(6))
                  : settings.withOption(DpSettings.EPSILON, epsilon);
          for (Map.Entry<String, String> bound : ROTTERDAM_BOUNDS.entrySet()) {
            settings =
                settings.withOption(DpSettings.BOUNDS_PREFIX + bound.getKey(), bound.getValue());
          }
        }
        Path model = work.resolve("rotterdam-" + epsilon + "-" + s + ".synth");
        long start = System.nanoTime();
        Training.train(
            new TrainRequest(trainCsv, schemaFile, model, settings, true), TrainingListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        SyntheticModel loaded = ModelLoader.load(model.toString());
        Table synthetic =
            Table.of(loaded.sample(SampleRequest.of(train.rowCount(), seed + 7)).table());
        String label =
            String.format(
                Locale.ROOT,
                "argn %s%s, seed %d (%s; trained in %.0f s)",
                epsilon.equals("none")
                    ? "no DP"
                    : epsilon.startsWith("sigma") ? epsilon : "ε=" + epsilon,
                epsilon.equals("none") || extra.isEmpty() ? "" : " " + String.join(" ", extra),
                seed,
                loaded.info().privacyGuarantee().orElse("no DP"),
                seconds);
        System.out.println(
            EvaluationBenchmark.row(
                    "rotterdam", label, train, split.holdout(), synthetic, target, sensitive, seed)
                + String.format(
                    Locale.ROOT, " %.3f |", TreeDetection.auc(split.holdout(), synthetic, seed)));
      }
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(DpBenchmark.class.getResource("/data/" + name + ".csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
