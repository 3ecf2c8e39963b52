package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How noisy is {@code auto}'s tree-detection comparison, and is its bar calibrated? Two samples of
 * one Gaussian copula (no true difference) are compared as {@link AutoChoice} compares two
 * candidates, on a validation part of the size {@code auto} has, over many seeds: the spread of the
 * mean AUC across seeds against the standard error one run estimates from its folds, and how often
 * the null difference is called clear.
 *
 * <p>With a target column it also compares the two samples' TSTR on the validation rows (a
 * classifier trained on each sample, {@link AutoChoice#utilityFigure}), for the spread that {@link
 * AutoChoice#MIN_UTILITY_DIFFERENCE} rests on.
 *
 * <p>Run: {@code ... -Dbenchmark.class=io.github.syntheticpatients.runtime.train.AutoNoise
 * "-Dbenchmark.args=rotterdam 477 10 death"} (table, validation rows, seeds, optional target).
 */
public final class AutoNoise {
  private AutoNoise() {}

  public static void main(String[] arguments) throws URISyntaxException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    String dataset = args[0];
    int validationRows = Integer.parseInt(args[1]);
    int seeds = Integer.parseInt(args[2]);
    String target = args.length > 3 ? args[3] : null;
    Path csv = Path.of(AutoNoise.class.getResource("/data/" + dataset + ".csv").toURI());
    TableSchema schema = TableSchema.of(Schemas.infer(csv));
    if (target != null) {
      schema = schema.withTarget(target);
    }
    Table all = CsvTableReader.read(csv, schema, null);
    EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, 20251123L);
    Candidate copula =
        Candidate.copula(
            split.train().schema(), GaussianCopulaFitter.fit(split.train(), 5).state());
    Candidate other =
        Candidate.copula(
            split.train().schema(), GaussianCopulaFitter.fit(split.train(), 5).state());
    System.out.println(
        "| seed | copula AUC | its SE (folds) | null difference | its SE (paired folds) | clear? |"
            + " TSTR | null TSTR difference | its SE (paired bootstrap) | clear? |");
    double[] means = new double[seeds];
    double[] differences = new double[seeds];
    double seSum = 0;
    double diffSeSum = 0;
    int clear = 0;
    double[] utilityDifferences = new double[seeds];
    double utilitySeSum = 0;
    int utilityClear = 0;
    for (int s = 0; s < seeds; s++) {
      long seed = 1000L + s;
      Table validation = sample(split.holdout(), validationRows, seed);
      // the second candidate is the same copula sampled with another seed: no true difference
      double[] a = copula.treeDetectionFolds(validation, seed);
      double[] b = foldsWithSampleSeed(other, validation, seed, seed + 500);
      AutoChoice.Figure f = AutoChoice.foldFigure(a, b);
      means[s] = f.copula();
      differences[s] = f.difference();
      seSum += f.copulaError();
      diffSeSum += f.differenceError();
      clear += f.clear() ? 1 : 0;
      AutoChoice.Figure u = AutoChoice.Figure.NONE;
      if (target != null) {
        u =
            AutoChoice.utilityFigure(
                predictions(copula, validation, target, seed, seed),
                predictions(other, validation, target, seed, seed + 500),
                seed,
                TabularTrainingJob.BOOTSTRAP_RESAMPLES);
        utilityDifferences[s] = u.difference();
        utilitySeSum += u.differenceError();
        utilityClear += u.clear() ? 1 : 0;
      }
      System.out.printf(
          Locale.ROOT,
          "| %d | %.3f | %.3f | %+.3f | %.3f | %s | %.3f | %+.3f | %.3f | %s |%n",
          seed,
          f.copula(),
          f.copulaError(),
          f.difference(),
          f.differenceError(),
          f.clear() ? "yes" : "no",
          u.copula(),
          u.difference(),
          u.differenceError(),
          u.clear() ? "yes" : "no");
    }
    if (target != null) {
      System.out.printf(
          Locale.ROOT,
          "TSTR across %d seeds: null difference sd %.3f (mean paired SE %.3f); called clear %d of"
              + " %d%n",
          seeds,
          sd(utilityDifferences),
          utilitySeSum / seeds,
          utilityClear,
          seeds);
    }
    System.out.printf(
        Locale.ROOT,
        "across %d seeds: copula AUC mean %.3f, sd %.3f (mean fold SE %.3f); null difference sd %.3f"
            + " (mean paired SE %.3f); called clear %d of %d%n",
        seeds,
        mean(means),
        sd(means),
        seSum / seeds,
        sd(differences),
        diffSeSum / seeds,
        clear,
        seeds);
  }

  private static double[] foldsWithSampleSeed(
      Candidate candidate, Table validation, long foldSeed, long sampleSeed) {
    int rows = Math.max(500, validation.rowCount());
    Table synthetic =
        Table.of(candidate.model().sample(SampleRequest.of(rows, sampleSeed)).table());
    return TreeDetection.foldAucs(validation, synthetic, foldSeed);
  }

  private static io.github.syntheticpatients.runtime.eval.fidelity.Utility.Predictions predictions(
      Candidate candidate, Table validation, String target, long seed, long sampleSeed) {
    int rows = Math.max(500, validation.rowCount());
    Table synthetic =
        Table.of(candidate.model().sample(SampleRequest.of(rows, sampleSeed)).table());
    return io.github.syntheticpatients.runtime.eval.fidelity.Utility.predictions(
            synthetic, validation, target, seed)
        .orElseThrow();
  }

  private static Table sample(Table table, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] order = new int[table.rowCount()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return table.selectRows(java.util.Arrays.copyOf(order, Math.min(rows, order.length)));
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double sd(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
