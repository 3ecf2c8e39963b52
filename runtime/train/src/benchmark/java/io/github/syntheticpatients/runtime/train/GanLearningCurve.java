package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.gan.GanSettings;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CTGAN's learning curve on one shared table: every {@code every} epochs the generator is
 * sampled in plain Java and scored against the held-back half by the random-forest detector (0.5
 * ideal) and overall quality. Tells an under-trained GAN (still falling at the end) from a
 * mis-specified one (flat early). Options {@code key=value}: {@code numericEncoding}, {@code
 * epochs}, {@code batch}, {@code pac}, {@code dims} (both networks' width), {@code lrG}, {@code
 * lrD}, {@code dSteps}, {@code seed}.
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.train.GanLearningCurve
 * "-Dbenchmark.args=rotterdam every=50 epochs=300 numericEncoding=normal"}
 */
public final class GanLearningCurve {
  private GanLearningCurve() {}

  public static void main(String[] arguments) {
    Map<String, String> options = PairedScoring.options(arguments);
    String dataset = options.get("table");
    long seed = Long.parseLong(options.getOrDefault("seed", "20251123"));
    Path csv = resource(dataset);
    TableSchema schema = TableSchema.of(Schemas.infer(csv));
    Table all = CsvTableReader.read(csv, schema, null);
    EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, 20251123L);
    Table train = split.train();
    Table heldBack = split.holdout();
    EncoderSettings encoderSettings = EncoderSettings.fromOptions(options);
    TableEncoder encoder = TableEncoderFitter.fit(train, encoderSettings, seed);
    GanSettings base = GanSettings.forData(GanSettings.Kind.CTGAN, train.rowCount());
    GanSettings.Builder b = base.toBuilder();
    int every = Integer.parseInt(options.getOrDefault("every", "50"));
    b.optSnapshotEvery(every);
    set(options, "epochs", v -> b.optEpochs(Integer.parseInt(v)));
    set(options, "batch", v -> b.optBatchSize(Integer.parseInt(v)));
    set(options, "pac", v -> b.optPac(Integer.parseInt(v)));
    set(
        options,
        "dims",
        v -> {
          List<Integer> dims = List.of(Integer.parseInt(v), Integer.parseInt(v));
          b.optGeneratorDims(dims).optDiscriminatorDims(dims);
        });
    set(options, "lrG", v -> b.optGeneratorLearningRate(Double.parseDouble(v)));
    set(options, "lrD", v -> b.optDiscriminatorLearningRate(Double.parseDouble(v)));
    set(options, "dSteps", v -> b.optDiscriminatorSteps(Integer.parseInt(v)));
    set(options, "dropout", v -> b.optDropout(Double.parseDouble(v)));
    GanSettings settings = b.build();
    System.out.printf(
        Locale.ROOT,
        "%s: %d training rows x %d encoded values (%s), %d epochs, batch %d, pac %d, dims %s,"
            + " learning rates %s/%s, critic steps %d, dropout %s%n",
        dataset,
        train.rowCount(),
        encoder.layout().width(),
        encoderSettings.numericEncoding(),
        settings.epochs(),
        settings.batchSize(),
        settings.pac(),
        settings.generatorDims(),
        settings.generatorLearningRate(),
        settings.discriminatorLearningRate(),
        settings.discriminatorSteps(),
        settings.dropout());
    System.out.println("| epoch | tree AUC vs held-back | quality | seconds |");
    long start = System.nanoTime();
    float[] data = encoder.encode(train, seed);
    GanTrainer.train(
        data,
        train.rowCount(),
        encoder.layout(),
        settings,
        seed,
        TrainingListener.NONE,
        snapshot -> {
          Candidate candidate =
              GanFitting.candidate("ctgan", train, encoder.state(), snapshot, settings);
          Table synthetic =
              Table.of(
                  candidate.model().sample(SampleRequest.of(train.rowCount(), seed + 7)).table());
          System.out.printf(
              Locale.ROOT,
              "| %d | %.3f | %.3f | %.0f |%n",
              snapshot.epochs(),
              TreeDetection.auc(heldBack, synthetic, seed),
              TabularTrainingJob.quality(heldBack, synthetic),
              (System.nanoTime() - start) / 1e9);
        });
  }

  private static void set(
      Map<String, String> options, String key, java.util.function.Consumer<String> action) {
    String value = options.get(key);
    if (value != null) {
      action.accept(value);
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(GanLearningCurve.class.getResource("/data/" + name + ".csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
