package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.gan.GanSettings;
import io.github.syntheticpatients.runtime.gan.TrainedGenerator;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.train.PairedScoring.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CTGAN's numeric encodings against the copula, paired (issue 18): for each split seed the
 * copula ({@code GaussianCopulaFitter.fit} on the whole training half) and one CTGAN per encoding
 * (the settings {@code GanSettings.forData} picks for the training half's size, trained on the same
 * rows, the last snapshot kept, sampled in plain Java through the model) are sampled to the
 * training half's size and scored against the held-back half by the same code with the same seeds
 * ({@link PairedScoring}): tree AUC (random forest, mean over 3 detector seeds), overall quality,
 * column shapes, pair trends, TSTR ratio, membership-attack AUC and the privacy gate. The copula is
 * sampled twice: the difference of its two samples is the noise floor.
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

  private GanEncodingPaired() {}

  public static void main(String[] arguments) {
    Map<String, String> options = PairedScoring.options(arguments);
    String dataset = options.get("table");
    List<String> encodings = List.of(options.getOrDefault("encodings", "gmm,bins").split(","));
    int seeds = Integer.parseInt(options.getOrDefault("seeds", "3"));
    long firstSeed =
        Long.parseLong(options.getOrDefault("seed", Long.toString(PairedScoring.FIRST_SEED)));
    String[] columns = PairedScoring.columns(dataset);
    Table all = PairedScoring.load(dataset);
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
          PairedScoring.score(
              train, heldBack, copula.sample(rows, RandomStream.of(seed + 7)), columns, seed);
      Score second =
          PairedScoring.score(
              train, heldBack, copula.sample(rows, RandomStream.of(seed + 1007)), columns, seed);
      print(seed, "copula", first, start);
      print(seed, "copula, 2nd sample", second, start);
      results.computeIfAbsent("copula", k -> new ArrayList<>()).add(first.values());
      results
          .computeIfAbsent("copula 2nd − 1st sample (noise)", k -> new ArrayList<>())
          .add(PairedScoring.minus(second.values(), first.values()));
      for (String encoding : encodings) {
        start = System.nanoTime();
        Score gan =
            PairedScoring.score(
                train, heldBack, ganSample(train, encoding, options, seed), columns, seed);
        print(seed, "ctgan " + encoding, gan, start);
        results.computeIfAbsent("ctgan " + encoding, k -> new ArrayList<>()).add(gan.values());
        results
            .computeIfAbsent("ctgan " + encoding + " − copula", k -> new ArrayList<>())
            .add(PairedScoring.minus(gan.values(), first.values()));
      }
      if (encodings.size() == 2) {
        List<double[]> a = results.get("ctgan " + encodings.get(0));
        List<double[]> b = results.get("ctgan " + encodings.get(1));
        results
            .computeIfAbsent(
                "ctgan " + encodings.get(1) + " − ctgan " + encodings.get(0),
                k -> new ArrayList<>())
            .add(PairedScoring.minus(b.get(b.size() - 1), a.get(a.size() - 1)));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n%s, %d seeds from %d, %d detector seeds: mean ± sd over seeds; differences mean ± SE%n",
        dataset,
        seeds,
        firstSeed,
        PairedScoring.DETECTORS);
    System.out.println("| generator | seeds " + PairedScoring.MEASURES);
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      System.out.println(
          PairedScoring.summaryLine(e.getKey(), e.getValue(), e.getKey().contains(" − ")));
    }
  }

  /**
   * Trains one CTGAN with {@code encoding} on {@code train} (the size-chosen settings, {@code
   * epochs} from the options when given) and samples its last snapshot in plain Java through the
   * model, to the training rows' count with sampling seed {@code seed + 7}.
   */
  static Table ganSample(Table train, String encoding, Map<String, String> options, long seed) {
    TableEncoder encoder = PairedScoring.encoder(train, encoding, seed);
    GanSettings.Builder builder =
        GanSettings.forData(GanSettings.Kind.CTGAN, train.rowCount()).toBuilder();
    if (options.containsKey("epochs")) {
      builder.optEpochs(Integer.parseInt(options.get("epochs")));
    }
    GanSettings settings = builder.build();
    TrainedGenerator[] last = new TrainedGenerator[1];
    PairedScoring.trainCtgan(train, encoder, settings, seed, generator -> last[0] = generator);
    return PairedScoring.sample(train, encoder, last[0], settings, train.rowCount(), seed);
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
}
