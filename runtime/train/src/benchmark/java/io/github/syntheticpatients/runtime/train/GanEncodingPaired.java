package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.report.EvaluationReport;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.gan.GanSettings;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CTGAN's numeric encodings against the copula, paired (issue 18): for each split seed the
 * copula ({@code GaussianCopulaFitter.fit} on the whole training half) and one CTGAN per encoding
 * (the settings {@code GanSettings.forData} picks for the training half's size, trained on the same
 * rows, the last snapshot kept, sampled in plain Java through the model) are sampled to the
 * training half's size and scored against the held-back half by the same code with the same seeds:
 * tree AUC (random forest, mean over 3 detector seeds), overall quality, column shapes, pair
 * trends, TSTR ratio, membership-attack AUC and the privacy gate. The copula is sampled twice: the
 * difference of its two samples is the noise floor.
 *
 * <p>Arguments: a table (rotterdam, colon, flchain, nafld1, pbc), then {@code key=value}: {@code
 * encodings} (gmm,bins), {@code seeds} (3), {@code seed} (the first, 20251123), {@code epochs} (the
 * size-chosen default). Seed s is the split's, the encoder's and the training's; the first seed's
 * split and training equal {@code GanLearningCurve}'s.
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.train.GanEncodingPaired
 * "-Dbenchmark.args=colon encodings=gmm,bins seeds=3"}
 */
public final class GanEncodingPaired {
  private static final long FIRST_SEED = 20251123L;

  /** Detector seeds each tree AUC is averaged over. */
  private static final int DETECTORS = 3;

  /** Target and sensitive column, as {@code TabularBenchmark} uses them. */
  static final Map<String, String[]> COLUMNS =
      Map.of(
          "rotterdam", new String[] {"death", "grade"},
          "colon", new String[] {"status", "sex"},
          "flchain", new String[] {"death", "chapter"},
          "nafld1", new String[] {"status", "male"},
          "pbc", new String[] {"status", "stage"});

  private GanEncodingPaired() {}

  /** The scores of one sample. */
  record Score(
      double tree,
      double quality,
      double shapes,
      double pairs,
      double tstr,
      double mia,
      boolean gate) {
    static final String HEADER =
        "| tree AUC | quality | shapes | pairs | TSTR ratio | MIA AUC | gate |";

    String row() {
      return String.format(
          Locale.ROOT,
          "| %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s |",
          tree,
          quality,
          shapes,
          pairs,
          tstr,
          mia,
          gate ? "pass" : "FAIL");
    }

    double[] values() {
      return new double[] {tree, quality, shapes, pairs, tstr, mia};
    }
  }

  public static void main(String[] arguments) {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    String dataset = args[0];
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      options.put(kv[0], kv[1]);
    }
    List<String> encodings = List.of(options.getOrDefault("encodings", "gmm,bins").split(","));
    int seeds = Integer.parseInt(options.getOrDefault("seeds", "3"));
    long firstSeed = Long.parseLong(options.getOrDefault("seed", Long.toString(FIRST_SEED)));
    String[] columns = COLUMNS.get(dataset);
    Path csv = resource(dataset);
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(columns[0]);
    Table all = CsvTableReader.read(csv, schema, null);
    // Per generator (copula, copula noise, each encoding): one score (or difference) per seed.
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    System.out.println("| seed | generator " + Score.HEADER + " seconds |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int s = 0; s < seeds; s++) {
      long seed = firstSeed + s;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table train = split.train();
      Table heldBack = split.holdout();
      int rows = train.rowCount();
      long start = System.nanoTime();
      GaussianCopula copula = GaussianCopulaFitter.fit(train);
      Score first =
          score(train, heldBack, copula.sample(rows, RandomStream.of(seed + 7)), columns, seed);
      Score second =
          score(train, heldBack, copula.sample(rows, RandomStream.of(seed + 1007)), columns, seed);
      print(seed, "copula", first, start);
      print(seed, "copula, 2nd sample", second, start);
      results.computeIfAbsent("copula", k -> new ArrayList<>()).add(first.values());
      results
          .computeIfAbsent("copula 2nd − 1st sample (noise)", k -> new ArrayList<>())
          .add(minus(second.values(), first.values()));
      for (String encoding : encodings) {
        start = System.nanoTime();
        Score gan = gan(train, heldBack, encoding, options, columns, seed);
        print(seed, "ctgan " + encoding, gan, start);
        results.computeIfAbsent("ctgan " + encoding, k -> new ArrayList<>()).add(gan.values());
        results
            .computeIfAbsent("ctgan " + encoding + " − copula", k -> new ArrayList<>())
            .add(minus(gan.values(), first.values()));
      }
      if (encodings.size() == 2) {
        List<double[]> a = results.get("ctgan " + encodings.get(0));
        List<double[]> b = results.get("ctgan " + encodings.get(1));
        results
            .computeIfAbsent(
                "ctgan " + encodings.get(1) + " − ctgan " + encodings.get(0),
                k -> new ArrayList<>())
            .add(minus(b.get(b.size() - 1), a.get(a.size() - 1)));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n%s, %d seeds from %d, %d detector seeds: mean ± sd over seeds%n",
        dataset,
        seeds,
        firstSeed,
        DETECTORS);
    System.out.println(
        "| generator | tree AUC | quality | shapes | pairs | TSTR ratio | MIA AUC |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      StringBuilder line = new StringBuilder("| " + e.getKey() + " |");
      for (int m = 0; m < 6; m++) {
        double mean = 0;
        for (double[] v : e.getValue()) {
          mean += v[m];
        }
        mean /= e.getValue().size();
        double sq = 0;
        for (double[] v : e.getValue()) {
          sq += (v[m] - mean) * (v[m] - mean);
        }
        double sd = Math.sqrt(sq / Math.max(1, e.getValue().size() - 1));
        line.append(String.format(Locale.ROOT, " %.3f ± %.3f |", mean, sd));
      }
      System.out.println(line);
    }
  }

  /** Trains one CTGAN with {@code encoding} on the training half and scores its last snapshot. */
  private static Score gan(
      Table train,
      Table heldBack,
      String encoding,
      Map<String, String> options,
      String[] columns,
      long seed) {
    return score(train, heldBack, ganSample(train, encoding, options, seed), columns, seed);
  }

  /**
   * Trains one CTGAN with {@code encoding} on {@code train} (the size-chosen settings, {@code
   * epochs} from the options when given) and samples its last snapshot in plain Java through the
   * model, to the training rows' count with sampling seed {@code seed + 7}.
   */
  static Table ganSample(Table train, String encoding, Map<String, String> options, long seed) {
    EncoderSettings encoderSettings =
        EncoderSettings.fromOptions(Map.of(EncoderSettings.NUMERIC_ENCODING, encoding));
    TableEncoder encoder = TableEncoderFitter.fit(train, encoderSettings, seed);
    GanSettings.Builder builder =
        GanSettings.forData(GanSettings.Kind.CTGAN, train.rowCount()).toBuilder();
    if (options.containsKey("epochs")) {
      builder.optEpochs(Integer.parseInt(options.get("epochs")));
    }
    GanSettings probe = builder.build();
    GanSettings settings = builder.optSnapshotEvery(probe.epochs()).build();
    Table[] last = new Table[1];
    GanTrainer.train(
        encoder.encode(train, seed),
        train.rowCount(),
        encoder.layout(),
        settings,
        seed,
        TrainingListener.NONE,
        snapshot -> {
          if (snapshot.epochs() < settings.epochs()) {
            return;
          }
          Candidate candidate =
              GanFitting.candidate("ctgan", train, encoder.state(), snapshot, settings);
          last[0] =
              Table.of(
                  candidate.model().sample(SampleRequest.of(train.rowCount(), seed + 7)).table());
        });
    return last[0];
  }

  static Score score(Table train, Table heldBack, Table synthetic, String[] columns, long seed) {
    double tree = 0;
    for (int i = 0; i < DETECTORS; i++) {
      tree += TreeDetection.auc(heldBack, synthetic, seed + 100L * i);
    }
    EvaluationReport r =
        EvaluationReport.compute(
            train, heldBack, synthetic, columns[0], columns[1], GateSettings.defaults(), seed);
    return new Score(
        tree / DETECTORS,
        r.quality().overall(),
        r.quality().columnShapes(),
        r.quality().columnPairTrends(),
        r.utility() == null ? Double.NaN : r.utility().ratio(),
        r.privacy().miaAuc(),
        r.privacyPassed());
  }

  private static void print(long seed, String generator, Score score, long start) {
    System.out.printf(
        Locale.ROOT,
        "| %d | %s %s %.0f |%n",
        seed,
        generator,
        score.row(),
        (System.nanoTime() - start) / 1e9);
  }

  static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }

  static Path resource(String name) {
    try {
      return Path.of(GanEncodingPaired.class.getResource("/data/" + name + ".csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
