package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.argn.AdversarialArgn;
import io.github.syntheticpatients.runtime.argn.MarginalCalibration;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * argn with an adversarial stage against argn and the copula, paired (issue 18, branch {@code
 * argngan}): for each split seed s, the copula ({@code GaussianCopulaFitter.fit} on the whole
 * training half, sampled twice: the difference of its samples is the noise floor), argn with its
 * defaults ({@code ArgnFitting.fit} on 80 % of the training half, early stopping and calibration on
 * the other 20 %: the warm-up), and the warm-up network after {@link AdversarialArgn}'s stage at
 * each step count of {@code steps} (each recalibrated as argn is, unless {@code calibrate=false}),
 * all sampled to the training half's size with sampling seed s + 7 and scored against the held-back
 * half with {@code PairedScoring}'s scores (tree AUC as the mean over 3 detector seeds).
 *
 * <p>Arguments: a table (rotterdam, colon, flchain, nafld1, pbc), then {@code key=value}: {@code
 * seeds} (3), {@code seed} (the first, 20251123), {@code steps} (checkpoints, 100,300,1000), {@code
 * batch} (256), {@code lrG} (1e-4), {@code lrD} (1e-3), {@code lambda} (1), {@code criticHidden}
 * (128), {@code criticSteps} (2), {@code warmup} (critic warm-up steps, 1000), {@code clip} (5),
 * {@code baseline} (0.9), {@code dropout} (the critic's, 0.2), {@code criticDecay} (0), {@code
 * policy} (the policy term's weight, 1; 0 is the likelihood-only control), {@code average} (the
 * exported weights' moving-average decay, 0.99), {@code normalize} (true), {@code calibrate}
 * (true), {@code every} (log every, 50), and {@code variants}: stages to run on the same split and
 * warm-up, separated by {@code /}, each a comma-separated list of {@code key:value} overrides
 * ({@code variants=policy:0/policy:1/policy:1,lambda:0.1}).
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.train.ArgnAdversarialPaired
 * "-Dbenchmark.args=colon seeds=2 steps=100,300 variants=policy:0/policy:1"}
 */
public final class ArgnAdversarialPaired {

  /** Mixed into the seed for the recalibration's sampling streams (argn's own salt). */
  private static final long CALIBRATION_SALT = 0x63616c6962L;

  private ArgnAdversarialPaired() {}

  public static void main(String[] arguments) {
    Map<String, String> options = PairedScoring.options(arguments);
    String dataset = options.get("table");
    int seeds = Integer.parseInt(options.getOrDefault("seeds", "3"));
    long firstSeed =
        Long.parseLong(options.getOrDefault("seed", Long.toString(PairedScoring.FIRST_SEED)));
    int[] steps =
        Arrays.stream(options.getOrDefault("steps", "100,300,1000").split(","))
            .mapToInt(Integer::parseInt)
            .sorted()
            .toArray();
    // Variants share the split, the copula and the warm-up: base options, each overridden.
    List<String> variants = List.of(options.getOrDefault("variants", "").split("/"));
    Map<String, AdversarialArgn.Settings> stages = new LinkedHashMap<>();
    for (String variant : variants) {
      Map<String, String> merged = new HashMap<>(options);
      for (String pair : variant.isEmpty() ? new String[0] : variant.split(",")) {
        String[] kv = pair.split(":", 2);
        merged.put(kv[0], kv[1]);
      }
      stages.put(variant, settings(merged, steps[steps.length - 1]));
    }
    boolean calibrate = Boolean.parseBoolean(options.getOrDefault("calibrate", "true"));
    int every = Integer.parseInt(options.getOrDefault("every", "50"));
    String[] columns = PairedScoring.columns(dataset);
    Table all = PairedScoring.load(dataset);
    stages.forEach(
        (variant, settings) ->
            System.out.println(
                dataset
                    + ": adversarial stage ["
                    + variant
                    + "] "
                    + settings.describe()
                    + ", recalibrated "
                    + calibrate));
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    System.out.println(
        "| seed | generator " + PairedScoring.Score.HEADER + " CPU s of the stage |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int s = 0; s < seeds; s++) {
      long seed = firstSeed + s;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table train = split.train();
      Table heldBack = split.holdout();
      int rows = train.rowCount();
      PairedScoring.Score[] copula = PairedScoring.copulaTwice(train, heldBack, columns, seed);
      PairedScoring.Score first = copula[0];
      PairedScoring.Score second = copula[1];
      print(seed, "copula", first, Double.NaN);
      print(seed, "copula, 2nd sample", second, Double.NaN);
      add(results, "copula", values(first));
      add(results, "copula 2nd − 1st sample (noise)", minus(second, first));

      DataSplit parts = DataSplit.of(rows, 0, 0.2, seed);
      Table fit = train.selectRows(parts.train());
      Table validation = train.selectRows(parts.validation());
      double cpu = PairedScoring.processCpuSeconds();
      Candidate warm =
          ArgnFitting.fit(
              TrainSettings.defaults().withGenerator("argn").withSeed(seed),
              ValueProtection.DEFAULT_K,
              fit,
              validation,
              TrainingListener.NONE);
      double warmCpu = PairedScoring.processCpuSeconds() - cpu;
      ArgnModel model = warm.contents("warm-up", Map.of(), Map.of(), Map.of(), Map.of()).argn();
      ArgnEncoding encoding = model.encoding();
      PairedScoring.Score argn =
          PairedScoring.score(train, heldBack, sample(warm, rows, seed), columns, seed);
      print(seed, "argn (warm-up, " + warm.epochs() + " epochs)", argn, warmCpu);
      add(results, "argn", values(argn));
      add(results, "argn − copula", minus(argn, first));

      int[] codes = encoding.encode(fit);
      int[] validationCodes = encoding.encode(validation);
      for (Map.Entry<String, AdversarialArgn.Settings> stage : stages.entrySet()) {
        String variant = stage.getKey().isEmpty() ? "" : " [" + stage.getKey() + "]";
        double[] outside = {0};
        double start = PairedScoring.processCpuSeconds();
        AdversarialArgn.run(
            model.network(),
            codes,
            validationCodes,
            encoding.owners(),
            stage.getValue(),
            steps,
            seed,
            every,
            progress -> System.out.println("    " + progress.line()),
            (step, network) -> {
              double entered = PairedScoring.processCpuSeconds();
              double stageCpu = entered - start - outside[0];
              ArgnNetwork kept =
                  calibrate
                      ? MarginalCalibration.calibrate(
                              network,
                              codes,
                              validationCodes,
                              ArgnFitting.valueHeads(encoding),
                              ArgnFitting.DEFAULT_CALIBRATION_ROUNDS,
                              seed ^ CALIBRATION_SALT)
                          .network()
                      : network;
              Candidate candidate =
                  Candidate.argn(train.schema(), new ArgnModel(encoding, kept), step, Map.of());
              PairedScoring.Score score =
                  PairedScoring.score(
                      train, heldBack, sample(candidate, rows, seed), columns, seed);
              String name = "argn + " + step + " adversarial steps" + variant;
              outside[0] += PairedScoring.processCpuSeconds() - entered;
              print(seed, name, score, stageCpu);
              add(results, name, values(score));
              add(results, name + " − argn", minus(score, argn));
              add(results, name + " − copula", minus(score, first));
            });
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n%s, %d seeds from %d, %d detector seeds; levels: mean ± sd over seeds; differences"
            + " (paired, same split and seeds): mean ± SE (sd)%n",
        dataset,
        seeds,
        firstSeed,
        PairedScoring.DETECTORS);
    System.out.println("| generator | seeds " + PairedScoring.MEASURES + " gate passed |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      boolean difference = e.getKey().contains(" − ");
      List<double[]> scores = e.getValue().stream().map(v -> Arrays.copyOf(v, 6)).toList();
      long passed = e.getValue().stream().filter(v -> v[6] > 0).count();
      System.out.println(
          PairedScoring.summaryLine(e.getKey(), scores, difference)
              + (difference ? " – |" : " " + passed + " of " + e.getValue().size() + " |"));
    }
  }

  private static AdversarialArgn.Settings settings(Map<String, String> options, int steps) {
    return new AdversarialArgn.Settings(
        steps,
        Integer.parseInt(options.getOrDefault("batch", "256")),
        Double.parseDouble(options.getOrDefault("lrG", "1e-4")),
        Double.parseDouble(options.getOrDefault("lrD", "1e-3")),
        Double.parseDouble(options.getOrDefault("lambda", "1")),
        Integer.parseInt(options.getOrDefault("criticHidden", "128")),
        Integer.parseInt(options.getOrDefault("criticSteps", "2")),
        Integer.parseInt(options.getOrDefault("warmup", "1000")),
        Double.parseDouble(options.getOrDefault("clip", "5")),
        Double.parseDouble(options.getOrDefault("baseline", "0.9")),
        Double.parseDouble(options.getOrDefault("dropout", "0.2")),
        Double.parseDouble(options.getOrDefault("criticDecay", "0")),
        Double.parseDouble(options.getOrDefault("policy", "1")),
        Double.parseDouble(options.getOrDefault("average", "0.99")),
        Boolean.parseBoolean(options.getOrDefault("normalize", "true")));
  }

  private static Table sample(Candidate candidate, int rows, long seed) {
    return Table.of(candidate.model().sample(SampleRequest.of(rows, seed + 7)).table());
  }

  private static void add(Map<String, List<double[]>> results, String name, double[] values) {
    results.computeIfAbsent(name, k -> new ArrayList<>()).add(values);
  }

  /** The six scores and the gate (1 passed, 0 refused). */
  private static double[] values(PairedScoring.Score score) {
    double[] values = Arrays.copyOf(score.values(), 7);
    values[6] = score.gate() ? 1 : 0;
    return values;
  }

  /** The six scores' differences, and the gate of neither. */
  private static double[] minus(PairedScoring.Score a, PairedScoring.Score b) {
    return Arrays.copyOf(PairedScoring.minus(a.values(), b.values()), 7);
  }

  private static void print(long seed, String generator, PairedScoring.Score score, double cpu) {
    System.out.printf(
        Locale.ROOT,
        "| %d | %s %s %s |%n",
        seed,
        generator,
        score.row(),
        Double.isNaN(cpu) ? "–" : String.format(Locale.ROOT, "%.0f", cpu));
  }
}
