package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.fidelity.Utility;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The residual GAN against the copula, paired (issue 18): for each split seed, the copula and the
 * residual GAN ({@link ResidualGanTraining}) learn the same training half; at every snapshot both
 * are sampled {@code samples} times with the same sampling seeds (the GAN's latent draw u is the
 * copula's, so sample k of each shares its random numbers) and scored against the held-back half
 * with the same detector seeds: tree AUC (random forest, mean over {@code detectors} seeds),
 * overall quality and the TSTR ratio. Per seed it prints GAN − copula; per snapshot the mean and
 * the standard deviation over seeds of that difference beside the noise floor, the standard
 * deviation over seeds of the difference between two copula samples.
 *
 * <p>Arguments: a table, then {@code key=value} options: those of {@link CopulaGanCurve} for the
 * training, {@code seeds} (4), {@code seed} (the first, 20251123), {@code samples} (2), {@code
 * every} (snapshot interval), {@code detectors} (3).
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.gan.CopulaGanPaired "-Dbenchmark.args=colon
 * steps=3000 every=1500 res=0.1 lrG=5e-5 dSteps=3 soft=0.1"}
 */
public final class CopulaGanPaired {
  private static final long FIRST_SEED = 20251123L;
  private static final long SAMPLE_SEED_STEP = 1000L;

  private CopulaGanPaired() {}

  /** Tree AUC, quality and TSTR ratio of one sample. */
  private record Score(double tree, double quality, double tstr) {
    Score minus(Score other) {
      return new Score(tree - other.tree, quality - other.quality, tstr - other.tstr);
    }

    static Score mean(List<Score> scores) {
      double t = 0;
      double q = 0;
      double u = 0;
      for (Score s : scores) {
        t += s.tree;
        q += s.quality;
        u += s.tstr;
      }
      int n = scores.size();
      return new Score(t / n, q / n, u / n);
    }

    String text() {
      return String.format(Locale.ROOT, "%+.3f / %+.3f / %+.3f", tree, quality, tstr);
    }

    String plain() {
      return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", tree, quality, tstr);
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
    ResidualGanTraining.Settings settings = CopulaGanCurve.settings(options);
    int seeds = Integer.parseInt(options.getOrDefault("seeds", "4"));
    long firstSeed = Long.parseLong(options.getOrDefault("seed", Long.toString(FIRST_SEED)));
    int samples = Integer.parseInt(options.getOrDefault("samples", "2"));
    int every = Integer.parseInt(options.getOrDefault("every", "" + settings.steps()));
    int detectors = Integer.parseInt(options.getOrDefault("detectors", "3"));
    System.out.println(dataset + ": " + settings);
    Path csv = CopulaGanCurve.resource(dataset);
    String target = CopulaGanCurve.TARGETS.get(dataset);
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(target);
    Table all = CsvTableReader.read(csv, schema, null);
    // Per snapshot step: each seed's GAN − copula; step -1 holds copula sample 1 − sample 0.
    Map<Integer, List<Score>> differences = new TreeMap<>();
    List<Score> copulas = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      long seed = firstSeed + s;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table train = split.train();
      Table heldBack = split.holdout();
      GaussianCopula copula = GaussianCopulaFitter.fit(train);
      CopulaLatent latent = new CopulaLatent(copula);
      float[] real = latent.encode(train, RandomStream.of(seed + 3));
      int rows = train.rowCount();
      List<Score> copulaScores = new ArrayList<>();
      for (int k = 0; k < samples; k++) {
        Table sample = copula.sample(rows, RandomStream.of(sampleSeed(seed, k)));
        copulaScores.add(score(train, heldBack, sample, target, seed, detectors));
      }
      Score copulaMean = Score.mean(copulaScores);
      copulas.add(copulaMean);
      differences
          .computeIfAbsent(-1, x -> new ArrayList<>())
          .add(copulaScores.get(1).minus(copulaScores.get(0)));
      System.out.printf(
          Locale.ROOT,
          "seed %d: %d training rows, %d latent dims; copula %s (sample 1 − 0: %s)%n",
          seed,
          rows,
          latent.width(),
          copulaMean.plain(),
          copulaScores.get(1).minus(copulaScores.get(0)).text());
      long start = System.nanoTime();
      try (ResidualGanTraining training =
          new ResidualGanTraining(
              real,
              rows,
              latent.width(),
              latent.cholesky(),
              latent.thresholds(),
              settings,
              latent.dimensionOf(target),
              seed)) {
        training.run(
            every,
            (step, f) -> {
              if (step == 0) {
                return;
              }
              List<Score> ganScores = new ArrayList<>();
              for (int k = 0; k < samples; k++) {
                Table sample = gan(latent, f, settings.noise(), rows, sampleSeed(seed, k));
                ganScores.add(score(train, heldBack, sample, target, seed, detectors));
              }
              Score difference = Score.mean(ganScores).minus(copulaMean);
              differences.computeIfAbsent(step, x -> new ArrayList<>()).add(difference);
              System.out.printf(
                  Locale.ROOT,
                  "  step %d: GAN %s, GAN − copula %s (%.0f s)%n",
                  step,
                  Score.mean(ganScores).plain(),
                  difference.text(),
                  (System.nanoTime() - start) / 1e9);
            });
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n%s, %d seeds × %d samples; copula mean %s%n",
        dataset,
        seeds,
        samples,
        Score.mean(copulas).plain());
    System.out.println(
        "| step | GAN − copula, mean (tree / quality / TSTR ratio) | sd over seeds | per seed (tree) |");
    System.out.println("|---|---|---|---|");
    for (Map.Entry<Integer, List<Score>> e : differences.entrySet()) {
      List<Score> d = e.getValue();
      StringBuilder perSeed = new StringBuilder();
      for (Score x : d) {
        perSeed.append(String.format(Locale.ROOT, "%+.3f ", x.tree()));
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s|%n",
          e.getKey() < 0 ? "copula sample 1 − 0 (noise)" : e.getKey().toString(),
          Score.mean(d).text(),
          sd(d).plain(),
          perSeed);
    }
  }

  private static long sampleSeed(long seed, int k) {
    return seed + 7 + SAMPLE_SEED_STEP * k;
  }

  private static Table gan(CopulaLatent latent, MlpNetwork f, int noise, int rows, long seed) {
    return CopulaGanCurve.sample(latent, f, noise, rows, RandomStream.of(seed), new double[1]);
  }

  private static Score score(
      Table train, Table heldBack, Table synthetic, String target, long seed, int detectors) {
    double tree = 0;
    for (int i = 0; i < detectors; i++) {
      tree += TreeDetection.auc(heldBack, synthetic, seed + 100 * i);
    }
    tree /= detectors;
    double quality = QualityReport.compute(heldBack, synthetic).overall();
    double tstr = Utility.tstr(train, heldBack, synthetic, target, seed).ratio();
    return new Score(tree, quality, tstr);
  }

  private static Score sd(List<Score> scores) {
    Score mean = Score.mean(scores);
    double t = 0;
    double q = 0;
    double u = 0;
    for (Score s : scores) {
      t += (s.tree() - mean.tree()) * (s.tree() - mean.tree());
      q += (s.quality() - mean.quality()) * (s.quality() - mean.quality());
      u += (s.tstr() - mean.tstr()) * (s.tstr() - mean.tstr());
    }
    int n = Math.max(1, scores.size() - 1);
    return new Score(Math.sqrt(t / n), Math.sqrt(q / n), Math.sqrt(u / n));
  }
}
