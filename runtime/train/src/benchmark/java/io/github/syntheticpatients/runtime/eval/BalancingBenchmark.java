package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.eval.stats.Classifiers;
import io.github.syntheticpatients.runtime.eval.stats.FeatureEncoder;
import io.github.syntheticpatients.runtime.eval.stats.RankMetrics;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Does class balancing help the seed use case? For an imbalanced binary outcome: a seeded 50/50
 * split of the real table into a training half and a held-back half; a generator trained on the
 * training half through {@code Training.train} (default settings); then a classifier trained on
 *
 * <ul>
 *   <li>{@code real}: the real training half only;
 *   <li>{@code real + duplicated minority}: the training half with minority rows drawn again at
 *       random up to 1:1, the usual baseline for imbalance (it shifts the prior, adds nothing new);
 *   <li>{@code real + synthetic minority}: the training half plus synthetic minority rows up to
 *       1:1, sampled with {@code balance=<target>:<minority>=1}.
 * </ul>
 *
 * Each is scored on the held-back half: minority recall at the classifier's own decision, AUPRC
 * (average precision of the minority's score) and ROC AUC. Several split seeds; mean and standard
 * deviation. The features leave out the outcome and columns that give it away (the follow-up time,
 * the cause of death, ids).
 *
 * <p>Run (see docs/benchmarks/balancing.md): {@code mvn -B -pl runtime/train -am -Pbenchmark
 * test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.BalancingBenchmark
 * "-Dbenchmark.args=--datasets flchain,nafld1 --generators copula --seeds 5"}.
 */
public final class BalancingBenchmark {
  /** Table, outcome column, and the columns left out of the features. */
  private static final List<Dataset> DATASETS =
      List.of(
          new Dataset("flchain", "death", List.of("futime", "chapter")),
          new Dataset("nafld1", "status", List.of("id", "case.id", "futime")));

  private static final List<String> VARIANTS =
      List.of("real", "real + duplicated minority", "real + synthetic minority");

  private record Dataset(String name, String target, List<String> leaks) {}

  /** One variant's scores on the held-back half. */
  private record Scores(double recall, double auprc, double auc) {}

  private BalancingBenchmark() {}

  public static void main(String[] arguments) throws IOException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    List<String> datasets = List.of("flchain", "nafld1");
    List<String> generators = List.of("copula");
    int seeds = 5;
    for (int i = 0; i < args.length - 1; i++) {
      switch (args[i]) {
        case "--datasets" -> datasets = List.of(args[i + 1].split(","));
        case "--generators" -> generators = List.of(args[i + 1].split(","));
        case "--seeds" -> seeds = Integer.parseInt(args[i + 1]);
        default -> {}
      }
    }
    Path work = Files.createTempDirectory("synthetic-balancing");
    System.out.println(
        "| table | generator | classifier | training data | minority recall | AUPRC | ROC AUC"
            + " | Δ recall vs real | Δ AUPRC vs real |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Dataset dataset : DATASETS) {
      if (datasets.contains(dataset.name())) {
        for (String generator : generators) {
          run(dataset, generator, seeds, work);
        }
      }
    }
  }

  private static void run(Dataset dataset, String generator, int seeds, Path work)
      throws IOException {
    Path csv = resource(dataset.name());
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(dataset.target());
    Table all = CsvTableReader.read(csv, schema, null);
    int target = schema.indexOf(dataset.target());
    int minority = minorityClass(all, target);
    String minorityName = schema.columns().get(target).categories().get(minority);
    int[] features = features(schema, dataset);
    Map<String, List<Scores>> scores = new LinkedHashMap<>();
    for (int s = 0; s < seeds; s++) {
      long seed = 20261206L + s;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table train = split.train();
      Table heldBack = split.holdout();
      int minorityRows = count(train, target, minority);
      int missing = train.rowCount() - 2 * minorityRows;

      Path trainCsv = work.resolve(dataset.name() + "-" + s + "-train.csv");
      Path schemaFile = work.resolve(dataset.name() + ".schema.json");
      Path model = work.resolve(dataset.name() + "-" + s + "-" + generator + ".synth");
      CsvRecordWriter.write(
          trainCsv,
          schema.outputColumns().stream().map(ColumnSchema::name).toList(),
          ValueFormat.toRecords(train));
      Schemas.write(schema, schemaFile);
      TrainSettings settings =
          TrainSettings.defaults()
              .withGenerator(generator)
              .withSeed(seed)
              .withOption("privacyGate", "warn");
      Training.train(
          new TrainRequest(trainCsv, schemaFile, model, settings, true), TrainingListener.NONE);
      SyntheticModel loaded = ModelLoader.load(model.toString());
      Table synthetic =
          Table.of(
              loaded
                  .sample(
                      SampleRequest.of(missing, seed + 1)
                          .withBalance(dataset.target() + ":" + minorityName + "=1"))
                  .table());
      Table duplicated =
          train.selectRows(minorityIndexes(train, target, minority, missing, seed + 2));

      FeatureEncoder encoder = FeatureEncoder.fit(train, features);
      for (Classifiers.Kind kind :
          List.of(Classifiers.Kind.RANDOM_FOREST, Classifiers.Kind.LOGISTIC)) {
        List<Table> extras = List.of(train.selectRows(new int[0]), duplicated, synthetic);
        for (int v = 0; v < VARIANTS.size(); v++) {
          Classifiers.Fitted fitted =
              train(kind, encoder, List.of(train, extras.get(v)), target, seed + 3);
          Scores scored = score(fitted, encoder, heldBack, target, minority);
          scores
              .computeIfAbsent(kind + "|" + VARIANTS.get(v), key -> new ArrayList<>())
              .add(scored);
          System.err.printf(
              Locale.ROOT,
              "%s %s seed %d %s, %s: recall %.3f, AUPRC %.3f, ROC AUC %.3f%n",
              dataset.name(),
              generator,
              seed,
              kind,
              VARIANTS.get(v),
              scored.recall(),
              scored.auprc(),
              scored.auc());
        }
      }
      System.err.printf(
          Locale.ROOT,
          "%s seed %d: %d training rows, %d minority, %d synthetic minority rows added%n",
          dataset.name(),
          seed,
          train.rowCount(),
          minorityRows,
          synthetic.rowCount());
    }
    double share = (double) count(all, target, minority) / all.rowCount();
    for (Map.Entry<String, List<Scores>> entry : scores.entrySet()) {
      String[] key = entry.getKey().split("\\|");
      List<Scores> list = entry.getValue();
      // Paired by split seed: the splits' own variation cancels out.
      List<Scores> real = scores.get(key[0] + "|" + VARIANTS.get(0));
      double[] recallGain = new double[list.size()];
      double[] auprcGain = new double[list.size()];
      for (int s = 0; s < list.size(); s++) {
        recallGain[s] = list.get(s).recall() - real.get(s).recall();
        auprcGain[s] = list.get(s).auprc() - real.get(s).auprc();
      }
      boolean baseline = key[1].equals(VARIANTS.get(0));
      System.out.printf(
          Locale.ROOT,
          "| %s (%s=%s: %.1f %%) | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          dataset.name(),
          dataset.target(),
          minorityName,
          100 * share,
          generator,
          key[0].equals("RANDOM_FOREST") ? "random forest" : "logistic",
          key[1],
          spread(list.stream().mapToDouble(Scores::recall).toArray()),
          spread(list.stream().mapToDouble(Scores::auprc).toArray()),
          spread(list.stream().mapToDouble(Scores::auc).toArray()),
          baseline ? "—" : signedSpread(recallGain),
          baseline ? "—" : signedSpread(auprcGain));
    }
  }

  private static Classifiers.Fitted train(
      Classifiers.Kind kind, FeatureEncoder encoder, List<Table> tables, int target, long seed) {
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Table table : tables) {
      for (int row = 0; row < table.rowCount(); row++) {
        rows.add(encoder.encode(table, row));
        labels.add((int) table.value(row, target));
      }
    }
    return Classifiers.train(
        kind, encoder.names(), rows, labels.stream().mapToInt(Integer::intValue).toArray(), seed);
  }

  private static Scores score(
      Classifiers.Fitted fitted, FeatureEncoder encoder, Table heldBack, int target, int minority) {
    List<Double> positives = new ArrayList<>();
    List<Double> negatives = new ArrayList<>();
    int found = 0;
    for (int row = 0; row < heldBack.rowCount(); row++) {
      double[] x = encoder.encode(heldBack, row);
      double score = fitted.score(x, minority);
      boolean positive = (int) heldBack.value(row, target) == minority;
      (positive ? positives : negatives).add(score);
      if (positive && fitted.predict(x) == minority) {
        found++;
      }
    }
    double[] p = positives.stream().mapToDouble(Double::doubleValue).toArray();
    double[] n = negatives.stream().mapToDouble(Double::doubleValue).toArray();
    return new Scores((double) found / p.length, averagePrecision(p, n), RankMetrics.auc(p, n));
  }

  /**
   * AUPRC as average precision: the precision at each distinct score threshold, weighted by the
   * recall it adds; records with equal scores enter together.
   */
  static double averagePrecision(double[] positives, double[] negatives) {
    double[][] scored = new double[positives.length + negatives.length][];
    for (int i = 0; i < positives.length; i++) {
      scored[i] = new double[] {positives[i], 1};
    }
    for (int i = 0; i < negatives.length; i++) {
      scored[positives.length + i] = new double[] {negatives[i], 0};
    }
    Arrays.sort(scored, (a, b) -> Double.compare(b[0], a[0]));
    double ap = 0;
    int truePositives = 0;
    int flagged = 0;
    for (int i = 0; i < scored.length; ) {
      int j = i;
      int newPositives = 0;
      while (j < scored.length && scored[j][0] == scored[i][0]) {
        newPositives += (int) scored[j][1];
        j++;
      }
      truePositives += newPositives;
      flagged += j - i;
      ap += (double) newPositives / positives.length * truePositives / flagged;
      i = j;
    }
    return ap;
  }

  private static int[] features(TableSchema schema, Dataset dataset) {
    List<Integer> columns = new ArrayList<>();
    for (int c = 0; c < schema.columns().size(); c++) {
      ColumnSchema column = schema.columns().get(c);
      if (column.isLearned()
          && !column.name().equals(dataset.target())
          && !dataset.leaks().contains(column.name())) {
        columns.add(c);
      }
    }
    return columns.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int minorityClass(Table table, int target) {
    return count(table, target, 1) <= count(table, target, 0) ? 1 : 0;
  }

  private static int count(Table table, int target, int category) {
    int n = 0;
    for (double v : table.column(target)) {
      if (v == category) {
        n++;
      }
    }
    return n;
  }

  /** {@code rows} minority rows of {@code table}, drawn at random with replacement. */
  private static int[] minorityIndexes(Table table, int target, int minority, int rows, long seed) {
    int[] candidates =
        IntStream.range(0, table.rowCount())
            .filter(r -> table.value(r, target) == minority)
            .toArray();
    SplittableRandom random = new SplittableRandom(seed);
    int[] chosen = new int[rows];
    for (int i = 0; i < rows; i++) {
      chosen[i] = candidates[random.nextInt(candidates.length)];
    }
    return chosen;
  }

  private static String spread(double[] values) {
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double sd = values.length < 2 ? 0 : Math.sqrt(ss / (values.length - 1));
    return String.format(Locale.ROOT, "%.3f ± %.3f", mean, sd);
  }

  private static String signedSpread(double[] values) {
    String text = spread(values);
    return text.startsWith("-") ? text : "+" + text;
  }

  private static Path resource(String name) {
    try {
      return Path.of(BalancingBenchmark.class.getResource("/data/" + name + ".csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
