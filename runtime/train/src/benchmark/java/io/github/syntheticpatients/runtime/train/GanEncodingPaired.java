package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.gan.GanSettings;
import io.github.syntheticpatients.runtime.gan.TrainedGenerator;
import io.github.syntheticpatients.runtime.train.PairedScoring.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CTGAN variants against the copula, paired (issue 18): for each split seed the copula ({@code
 * GaussianCopulaFitter.fit} on the whole training half) and one CTGAN per arm (the settings {@code
 * GanSettings.forData} picks for the training half's size, trained on the same rows, the last
 * snapshot kept, sampled in plain Java through the model) are sampled to the training half's size
 * and scored against the held-back half by the same code with the same seeds: tree AUC (random
 * forest, mean over 3 detector seeds), overall quality, column shapes, pair trends, TSTR ratio,
 * membership-attack AUC and the privacy gate. The copula is sampled twice: the difference of its
 * two samples is the noise floor.
 *
 * <p>Arguments: a table (rotterdam, colon, flchain, nafld1, pbc), then {@code key=value}: {@code
 * arms}, {@code seeds} (3), {@code seed} (the first, 20251123), {@code epochs} (the size-chosen
 * default). An arm is a name and the settings it overrides, {@code name:key=value+key=value}, arms
 * separated by commas; the keys are {@code numericEncoding} (gmm), {@code informationLoss} (0) and
 * {@code classifierLoss} (0; the classifier predicts the table's target below). Without {@code
 * arms}, {@code encodings} (gmm,bins) names one arm per encoding. Every arm after the first is also
 * reported minus the first, paired by seed. Seed s is the split's, the encoder's and the
 * training's; the first seed's split and training equal {@code GanLearningCurve}'s.
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.train.GanEncodingPaired
 * "-Dbenchmark.args=colon arms=gmm,info:informationLoss=1,cls:classifierLoss=1 seeds=3"}
 */
public final class GanEncodingPaired {

  private GanEncodingPaired() {}

  /**
   * One CTGAN variant: a name and the settings it overrides (keys {@code numericEncoding}, {@code
   * informationLoss}, {@code classifierLoss}).
   */
  record Arm(String name, Map<String, String> overrides) {
    /** Parses {@code name:key=value+key=value} (or a bare name). */
    static Arm parse(String text) {
      String[] parts = text.split(":", 2);
      Map<String, String> overrides = new LinkedHashMap<>();
      if (parts.length == 2 && !parts[1].isBlank()) {
        for (String pair : parts[1].split("\\+")) {
          String[] kv = pair.split("=", 2);
          if (kv.length != 2 || !ARM_KEYS.contains(kv[0])) {
            throw new IllegalArgumentException(
                "arm '" + text + "': expected key=value with a key of " + ARM_KEYS);
          }
          overrides.put(kv[0], kv[1]);
        }
      }
      return new Arm(parts[0], overrides);
    }

    /** An arm that only sets the numeric encoding. */
    static Arm encoding(String encoding) {
      return new Arm(encoding, Map.of(EncoderSettings.NUMERIC_ENCODING, encoding));
    }
  }

  private static final List<String> ARM_KEYS =
      List.of(EncoderSettings.NUMERIC_ENCODING, "informationLoss", "classifierLoss");

  public static void main(String[] arguments) {
    Map<String, String> options = PairedScoring.options(arguments);
    String dataset = options.get("table");
    List<Arm> arms = new ArrayList<>();
    if (options.containsKey("arms")) {
      for (String text : options.get("arms").split(",")) {
        arms.add(Arm.parse(text));
      }
    } else {
      for (String encoding : options.getOrDefault("encodings", "gmm,bins").split(",")) {
        arms.add(Arm.encoding(encoding));
      }
    }
    int seeds = Integer.parseInt(options.getOrDefault("seeds", "3"));
    long firstSeed =
        Long.parseLong(options.getOrDefault("seed", Long.toString(PairedScoring.FIRST_SEED)));
    String[] columns = PairedScoring.columns(dataset);
    Table all = PairedScoring.load(dataset);
    // Per generator (copula, copula noise, each arm, each arm's differences): one score per seed.
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
      Score[] copula = PairedScoring.copulaTwice(train, heldBack, columns, seed);
      Score first = copula[0];
      Score second = copula[1];
      print(seed, "copula", first, start);
      print(seed, "copula, 2nd sample", second, start);
      results.computeIfAbsent("copula", k -> new ArrayList<>()).add(first.values());
      results
          .computeIfAbsent("copula 2nd − 1st sample (noise)", k -> new ArrayList<>())
          .add(PairedScoring.minus(second.values(), first.values()));
      String baseline = "ctgan " + arms.get(0).name();
      for (Arm arm : arms) {
        start = System.nanoTime();
        Score gan =
            PairedScoring.score(
                train, heldBack, ganSample(train, arm, columns[0], options, seed), columns, seed);
        String name = "ctgan " + arm.name();
        print(seed, name, gan, start);
        results.computeIfAbsent(name, k -> new ArrayList<>()).add(gan.values());
        results
            .computeIfAbsent(name + " − copula", k -> new ArrayList<>())
            .add(PairedScoring.minus(gan.values(), first.values()));
        if (!name.equals(baseline)) {
          List<double[]> base = results.get(baseline);
          results
              .computeIfAbsent(name + " − " + baseline, k -> new ArrayList<>())
              .add(PairedScoring.minus(gan.values(), base.get(base.size() - 1)));
        }
      }
    }
    PairedScoring.printSummary(dataset, seeds, firstSeed, results);
  }

  /**
   * Trains one CTGAN with {@code encoding} on {@code train} (the size-chosen settings, {@code
   * epochs} from the options when given) and samples its last snapshot in plain Java through the
   * model, to the training rows' count with sampling seed {@code seed + 7}.
   */
  static Table ganSample(Table train, String encoding, Map<String, String> options, long seed) {
    return ganSample(train, Arm.encoding(encoding), null, options, seed);
  }

  /**
   * Trains one CTGAN as {@code arm} says on {@code train} (the size-chosen settings, {@code epochs}
   * from the options when given; the classifier, if the arm has one, predicts {@code target}) and
   * samples its last snapshot in plain Java through the model, to the training rows' count with
   * sampling seed {@code seed + 7}.
   */
  static Table ganSample(
      Table train, Arm arm, String target, Map<String, String> options, long seed) {
    TableEncoder encoder =
        PairedScoring.encoder(
            train, arm.overrides().getOrDefault(EncoderSettings.NUMERIC_ENCODING, "gmm"), seed);
    GanSettings.Builder builder =
        GanSettings.forData(GanSettings.Kind.CTGAN, train.rowCount()).toBuilder();
    if (options.containsKey("epochs")) {
      builder.optEpochs(Integer.parseInt(options.get("epochs")));
    }
    builder.optInformationLoss(
        Double.parseDouble(arm.overrides().getOrDefault("informationLoss", "0")));
    double classifier = Double.parseDouble(arm.overrides().getOrDefault("classifierLoss", "0"));
    if (classifier > 0) {
      builder.optClassifierLoss(classifier, target);
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
