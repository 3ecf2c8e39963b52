package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.gan.GanSettings;
import io.github.syntheticpatients.runtime.train.PairedScoring.Score;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CTGAN's critic and optimisation, paired (issue 18): each <em>arm</em> is a named set of
 * overrides of the settings {@code GanSettings.forData} picks (the arm {@code default}), and every
 * arm trains on the same rows of each split with the same seed and is sampled and scored with the
 * same seeds, beside a Gaussian copula fitted on the same rows ({@link PairedScoring}'s measures:
 * tree AUC over 3 detector seeds, quality, shapes, pairs, TSTR ratio, MIA AUC, gate). The copula is
 * sampled twice; the difference of its two samples is the noise floor.
 *
 * <p><b>Snapshot selection.</b> A validation part ({@code validation}, default 20 %) is carved from
 * the training half, never from the held-back half; generators and copula train on the rest. For
 * the arms named in {@code select}, a snapshot is taken every {@code epochs / snapshots} epochs,
 * sampled and scored against the validation part (tree AUC, one detector seed of its own, and
 * quality); the snapshot with the lowest validation tree AUC (ties: the later) and the one with the
 * highest validation quality (the toolkit's own rule in {@code GanFitting}) are then scored against
 * the held-back half (tree AUC and quality) beside the last snapshot, so "selected − last" is
 * paired within one training.
 *
 * <p>Arguments: a table (rotterdam, colon, flchain, nafld1, pbc), then {@code key=value}: {@code
 * arms} (default,drop0,drop25,pac1,pac2,d3,d5,ttur,wide,steps2x,ln), {@code seeds} (2), {@code
 * seed} (the first, 20251123), {@code epochs} (caps the size-chosen epochs of every arm; {@code
 * steps2x} doubles what it gives), {@code select} (default; arms whose snapshots are selected,
 * {@code none} for none), {@code snapshots} (5), {@code validation} (0.2), {@code encoding} (gmm).
 * An arm is a name below or its own overrides joined by {@code +}, e.g. {@code dropout=0+pac=1};
 * the keys: {@code dropout}, {@code pac}, {@code dSteps}, {@code lrG}, {@code lrD}, {@code criticx}
 * (the critic's widths times this), {@code epochsx} (the epochs times this), {@code layerNorm} (the
 * critic's layer norm; the arm {@code ln} is it without dropout).
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.train.GanCriticPaired
 * "-Dbenchmark.args=colon arms=default,drop0,pac1 seeds=2"}
 */
public final class GanCriticPaired {
  /** Mixes the split seed into the seed that carves the validation part. */
  private static final long VALIDATION_STREAM = 0x7A11DL;

  /** Added to the split seed for the validation detector, apart from the held-back ones. */
  private static final long VALIDATION_DETECTOR = 900;

  /** The named arms: their overrides of the size-chosen settings. */
  private static final Map<String, String> ARMS = new LinkedHashMap<>();

  static {
    ARMS.put("default", "");
    ARMS.put("drop0", "dropout=0");
    ARMS.put("drop25", "dropout=0.25");
    ARMS.put("pac1", "pac=1");
    ARMS.put("pac2", "pac=2");
    ARMS.put("d3", "dSteps=3");
    ARMS.put("d5", "dSteps=5");
    ARMS.put("ttur", "lrG=1e-4+lrD=4e-4");
    ARMS.put("wide", "criticx=2");
    ARMS.put("steps2x", "epochsx=2");
    ARMS.put("ln", "layerNorm=true+dropout=0");
  }

  private GanCriticPaired() {}

  public static void main(String[] arguments) {
    Map<String, String> options = PairedScoring.options(arguments);
    String dataset = options.get("table");
    List<String> arms =
        List.of(options.getOrDefault("arms", String.join(",", ARMS.keySet())).split(","));
    List<String> selected = List.of(options.getOrDefault("select", "default").split(","));
    int seeds = Integer.parseInt(options.getOrDefault("seeds", "2"));
    long firstSeed =
        Long.parseLong(options.getOrDefault("seed", Long.toString(PairedScoring.FIRST_SEED)));
    int snapshots = Integer.parseInt(options.getOrDefault("snapshots", "5"));
    double validationShare = Double.parseDouble(options.getOrDefault("validation", "0.2"));
    String encoding = options.getOrDefault("encoding", "gmm");
    String[] columns = PairedScoring.columns(dataset);
    Table all = PairedScoring.load(dataset);
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    System.out.println(
        "| seed | generator | settings "
            + Score.HEADER
            + " critic loss, last 10 % of epochs | CPU s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (int s = 0; s < seeds; s++) {
      long seed = firstSeed + s;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table[] parts = carve(split.train(), validationShare, seed);
      Table train = parts[0];
      Table validation = parts[1];
      Table heldBack = split.holdout();
      int rows = train.rowCount();
      double cpu = PairedScoring.processCpuSeconds();
      Score[] copula = PairedScoring.copulaTwice(train, heldBack, columns, seed);
      Score first = copula[0];
      Score second = copula[1];
      print(seed, "copula", "fitted on " + rows + " rows", first, Double.NaN, cpu);
      print(seed, "copula, 2nd sample", "", second, Double.NaN, cpu);
      add(results, "copula", first.values());
      add(results, "copula 2nd − 1st sample (noise)", PairedScoring.minus(second, first));
      TableEncoder encoder = PairedScoring.encoder(train, encoding, seed);
      GanSettings base = GanSettings.forData(GanSettings.Kind.CTGAN, rows);
      if (options.containsKey("epochs")) {
        base = base.toBuilder().optEpochs(Integer.parseInt(options.get("epochs"))).build();
      }
      Map<String, Score> lastScores = new LinkedHashMap<>();
      for (String arm : arms) {
        cpu = PairedScoring.processCpuSeconds();
        GanSettings settings = settings(base, arm);
        boolean select = selected.contains(arm);
        if (select) {
          settings =
              settings.toBuilder()
                  .optSnapshotEvery(Math.max(1, settings.epochs() / snapshots))
                  .build();
        }
        Run run = run(train, validation, encoder, settings, select, seed);
        Score last = PairedScoring.score(train, heldBack, run.lastSample(), columns, seed);
        lastScores.put(arm, last);
        print(seed, "ctgan " + arm, describe(settings), last, run.criticLoss(), cpu);
        add(results, "ctgan " + arm, last.values());
        add(results, "ctgan " + arm + " − copula", PairedScoring.minus(last, first));
        if (!arm.equals(arms.get(0)) && lastScores.containsKey(arms.get(0))) {
          add(
              results,
              "ctgan " + arm + " − ctgan " + arms.get(0),
              PairedScoring.minus(last, lastScores.get(arms.get(0))));
        }
        if (select) {
          reportSelection(results, seed, arm, run, last, heldBack);
        }
      }
    }
    PairedScoring.printSummary(dataset, seeds, firstSeed, results);
  }

  /**
   * {@code base} with the overrides of {@code arm}: a name from {@link #ARMS} or {@code key=value}
   * pairs joined by {@code +}.
   */
  static GanSettings settings(GanSettings base, String arm) {
    String overrides = ARMS.getOrDefault(arm, arm);
    GanSettings.Builder b = base.toBuilder();
    if (overrides.isEmpty()) {
      return b.build();
    }
    for (String pair : overrides.split("\\+")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "arm '" + arm + "': expected key=value, got '" + pair + "'; named arms: " + ARMS);
      }
      String v = kv[1];
      switch (kv[0]) {
        case "dropout" -> b.optDropout(Double.parseDouble(v));
        case "pac" -> b.optPac(Integer.parseInt(v));
        case "dSteps" -> b.optDiscriminatorSteps(Integer.parseInt(v));
        case "lrG" -> b.optGeneratorLearningRate(Double.parseDouble(v));
        case "lrD" -> b.optDiscriminatorLearningRate(Double.parseDouble(v));
        case "criticx" -> {
          int times = Integer.parseInt(v);
          b.optDiscriminatorDims(
              base.discriminatorDims().stream().map(width -> width * times).toList());
        }
        case "epochsx" -> b.optEpochs(base.epochs() * Integer.parseInt(v));
        case "layerNorm" -> b.optCriticLayerNorm(Boolean.parseBoolean(v));
        default ->
            throw new IllegalArgumentException(
                "arm '"
                    + arm
                    + "': unknown key '"
                    + kv[0]
                    + "'; use dropout, pac, dSteps, lrG, lrD, criticx, epochsx or layerNorm");
      }
    }
    return b.build();
  }

  /**
   * One training: the last snapshot's sample, and with {@code select} the snapshots chosen on the
   * validation part by tree AUC and by quality, with their validation scores.
   */
  private record Run(
      Table lastSample,
      int lastEpoch,
      double criticLoss,
      Table byTree,
      int byTreeEpoch,
      Table byQuality,
      int byQualityEpoch,
      List<String> curve) {}

  private static Run run(
      Table train,
      Table validation,
      TableEncoder encoder,
      GanSettings settings,
      boolean select,
      long seed) {
    int rows = train.rowCount();
    Table[] kept = new Table[3];
    int[] epochs = new int[3];
    double[] best = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] criticLoss = new double[1];
    List<String> curve = new ArrayList<>();
    PairedScoring.trainCtgan(
        train,
        encoder,
        settings,
        seed,
        generator -> {
          boolean last = generator.epochs() == settings.epochs();
          if (!last && !select) {
            return;
          }
          Table sample = PairedScoring.sample(train, encoder, generator, settings, rows, seed);
          if (last) {
            kept[0] = sample;
            epochs[0] = generator.epochs();
            double[] losses = generator.discriminatorLosses();
            int from = losses.length - Math.max(1, losses.length / 10);
            criticLoss[0] = Arrays.stream(losses, from, losses.length).average().orElse(Double.NaN);
          }
          if (!select) {
            return;
          }
          double tree = TreeDetection.auc(validation, sample, seed + VALIDATION_DETECTOR);
          double quality = TabularTrainingJob.quality(validation, sample);
          curve.add(
              String.format(
                  Locale.ROOT, "epoch %d: %.3f / %.4f", generator.epochs(), tree, quality));
          // Lower tree AUC, higher quality; among equals the later snapshot.
          if (tree <= best[0]) {
            best[0] = tree;
            kept[1] = sample;
            epochs[1] = generator.epochs();
          }
          if (quality >= best[1]) {
            best[1] = quality;
            kept[2] = sample;
            epochs[2] = generator.epochs();
          }
        });
    return new Run(
        kept[0], epochs[0], criticLoss[0], kept[1], epochs[1], kept[2], epochs[2], curve);
  }

  /** Scores the selected snapshots against the held-back half beside the last one. */
  private static void reportSelection(
      Map<String, List<double[]>> results,
      long seed,
      String arm,
      Run run,
      Score last,
      Table heldBack) {
    System.out.printf(
        Locale.ROOT,
        "| %d | ctgan %s, validation tree AUC / quality per snapshot: %s |%n",
        seed,
        arm,
        String.join("; ", run.curve()));
    double[] lastLight = {last.tree(), last.quality()};
    String[] rules = {"by validation tree AUC", "by validation quality"};
    Table[] samples = {run.byTree(), run.byQuality()};
    int[] epochs = {run.byTreeEpoch(), run.byQualityEpoch()};
    for (int r = 0; r < 2; r++) {
      double[] chosen =
          epochs[r] == run.lastEpoch()
              ? lastLight
              : light(PairedScoring.lightScore(heldBack, samples[r], seed));
      System.out.printf(
          Locale.ROOT,
          "| %d | ctgan %s, snapshot %s: epoch %d of %d | held-back tree AUC %.3f, quality %.3f"
              + " (last: %.3f, %.3f) |%n",
          seed,
          arm,
          rules[r],
          epochs[r],
          run.lastEpoch(),
          chosen[0],
          chosen[1],
          lastLight[0],
          lastLight[1]);
      add(
          results,
          "ctgan " + arm + " snapshot " + rules[r] + " − last (tree AUC, quality only)",
          pad(PairedScoring.minus(chosen, lastLight)));
    }
  }

  private static double[] light(Score score) {
    return new double[] {score.tree(), score.quality()};
  }

  /** Two measures padded with NaN to the six of {@link Score#values()}. */
  private static double[] pad(double[] two) {
    double[] six = new double[6];
    Arrays.fill(six, Double.NaN);
    six[0] = two[0];
    six[1] = two[1];
    return six;
  }

  /** The training half without its validation part, and the validation part. */
  static Table[] carve(Table trainingHalf, double share, long seed) {
    int n = trainingHalf.rowCount();
    int validationRows = (int) Math.round(n * share);
    if (validationRows < 1 || validationRows >= n) {
      throw new IllegalArgumentException(
          "validation share " + share + " leaves no rows on one side of " + n);
    }
    int[] order = TableColumns.permutation(n, seed ^ VALIDATION_STREAM);
    return new Table[] {
      trainingHalf.selectRows(Arrays.copyOfRange(order, validationRows, n)),
      trainingHalf.selectRows(Arrays.copyOfRange(order, 0, validationRows))
    };
  }

  private static String describe(GanSettings s) {
    return String.format(
        Locale.ROOT,
        "%d epochs, batch %d, pac %d, G %s, D %s, lr %s/%s, D steps %d, dropout %s%s",
        s.epochs(),
        s.batchSize(),
        s.pac(),
        s.generatorDims(),
        s.discriminatorDims(),
        s.generatorLearningRate(),
        s.discriminatorLearningRate(),
        s.discriminatorSteps(),
        s.dropout(),
        s.criticLayerNorm() ? ", critic layer norm" : "");
  }

  private static void add(Map<String, List<double[]>> results, String name, double[] values) {
    results.computeIfAbsent(name, k -> new ArrayList<>()).add(values);
  }

  private static void print(
      long seed, String generator, String settings, Score score, double criticLoss, double cpu) {
    System.out.printf(
        Locale.ROOT,
        "| %d | %s | %s %s %.3f | %.0f |%n",
        seed,
        generator,
        settings,
        score.row(),
        criticLoss,
        PairedScoring.processCpuSeconds() - cpu);
  }
}
