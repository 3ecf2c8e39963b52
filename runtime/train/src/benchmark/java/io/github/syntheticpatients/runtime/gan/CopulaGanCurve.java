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
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Feasibility of a residual GAN in the copula's latent space (issue 18): fits the copula on a
 * shared table's training half, trains {@link ResidualGanTraining} on the training rows' latent
 * scores, and every {@code every} generator steps samples it in plain Java (the copula's latent
 * draw, f's forward pass in {@link MlpNetwork}, the copula's decoding) and scores it against the
 * held-back half beside the copula: the random-forest detector's AUC (mean over {@code detectors}
 * detector seeds; 0.5 ideal), overall quality and TSTR. Step 0 is the copula itself (f starts at
 * zero), which checks the decoding. Options {@code key=value}: {@code steps}, {@code every}, {@code
 * batch}, {@code pac}, {@code noise}, {@code gDims}/{@code dDims} (e.g. {@code 256x256}), {@code
 * dropout}, {@code lrG}, {@code lrD}, {@code dSteps}, {@code gp}, {@code res} (L2 weight on f),
 * {@code warmup} (critic steps before the first generator step), {@code soft} (τ: the critic sees
 * soft category memberships instead of discrete latent scores; 0 off), {@code seeds} (how many
 * split, training and sampling seeds), {@code seed} (the first, 20251123 unless given), {@code
 * detectors}, {@code cond} (1: the critic also sees every feature times the target's soft
 * membership, the features given the target).
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.gan.CopulaGanCurve
 * "-Dbenchmark.args=rotterdam steps=3000 every=500 warmup=500 res=0.1 lrG=5e-5 dSteps=3 soft=0.1"}
 */
public final class CopulaGanCurve {
  private static final long FIRST_SEED = 20251123L;

  /** Target columns, as {@code TabularBenchmark} uses them. */
  static final Map<String, String> TARGETS =
      Map.of(
          "rotterdam",
          "death",
          "colon",
          "status",
          "flchain",
          "death",
          "nafld1",
          "status",
          "pbc",
          "status");

  private CopulaGanCurve() {}

  public static void main(String[] arguments) {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    String dataset = args[0];
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      options.put(kv[0], kv[1]);
    }
    ResidualGanTraining.Settings settings = settings(options);
    int every = Integer.parseInt(options.getOrDefault("every", "500"));
    int seeds = Integer.parseInt(options.getOrDefault("seeds", "1"));
    long firstSeed = Long.parseLong(options.getOrDefault("seed", Long.toString(FIRST_SEED)));
    int detectors = Integer.parseInt(options.getOrDefault("detectors", "3"));
    System.out.println(dataset + ": " + settings);
    Path csv = resource(dataset);
    String target = TARGETS.get(dataset);
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(target);
    Table all = CsvTableReader.read(csv, schema, null);
    for (int s = 0; s < seeds; s++) {
      long seed = firstSeed + s;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table train = split.train();
      Table heldBack = split.holdout();
      GaussianCopula copula = GaussianCopulaFitter.fit(train);
      CopulaLatent latent = new CopulaLatent(copula);
      float[] real = latent.encode(train, RandomStream.of(seed + 3));
      int rows = train.rowCount();
      System.out.printf(
          Locale.ROOT,
          "seed %d: %d training rows, %d latent dimensions%n",
          seed,
          rows,
          latent.width());
      Table copulaSample = copula.sample(rows, RandomStream.of(seed + 7));
      System.out.println("| step | tree AUC | quality | TSTR | mean abs f | seconds |");
      System.out.println("|---|---|---|---|---|---|");
      System.out.println(
          "| copula | "
              + scores(train, heldBack, copulaSample, target, seed, detectors)
              + " – | – |");
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
              double[] meanAbs = new double[1];
              Table synthetic =
                  sample(latent, f, settings.noise(), rows, RandomStream.of(seed + 7), meanAbs);
              System.out.printf(
                  Locale.ROOT,
                  "| %d | %s %.3f | %.0f |%n",
                  step,
                  scores(train, heldBack, synthetic, target, seed, detectors),
                  meanAbs[0],
                  (System.nanoTime() - start) / 1e9);
            });
      }
    }
  }

  /**
   * Plain-Java sampling: the copula's latent draw u (the same random numbers as {@link
   * GaussianCopula#sample}), then noise, then {@code u + f(u, z)} decoded by the copula.
   */
  static Table sample(
      CopulaLatent latent,
      MlpNetwork f,
      int noise,
      int rows,
      RandomStream random,
      double[] meanAbs) {
    int d = latent.width();
    double[] u = new double[rows * d];
    double[] independent = new double[d];
    double[] row = new double[d];
    for (int r = 0; r < rows; r++) {
      latent.draw(random, independent, row);
      System.arraycopy(row, 0, u, r * d, d);
    }
    RandomStream noiseStream = random.split();
    float[] input = new float[rows * (d + noise)];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        input[r * (d + noise) + j] = (float) u[r * d + j];
      }
      for (int j = 0; j < noise; j++) {
        input[r * (d + noise) + d + j] = (float) noiseStream.nextGaussian();
      }
    }
    float[] residual = f.forward(input, rows);
    double sum = 0;
    for (int i = 0; i < u.length; i++) {
      u[i] += residual[i];
      sum += Math.abs(residual[i]);
    }
    meanAbs[0] = sum / u.length;
    return latent.decode(u, rows);
  }

  private static String scores(
      Table train, Table heldBack, Table synthetic, String target, long seed, int detectors) {
    double tree = 0;
    for (int i = 0; i < detectors; i++) {
      tree += TreeDetection.auc(heldBack, synthetic, seed + 100 * i);
    }
    tree /= detectors;
    double quality = QualityReport.compute(heldBack, synthetic).overall();
    double tstr = Utility.tstr(train, heldBack, synthetic, target, seed).tstr();
    return String.format(Locale.ROOT, "%.3f | %.3f | %.3f |", tree, quality, tstr);
  }

  /** The training settings from {@code key=value} options; the prototype's defaults elsewhere. */
  static ResidualGanTraining.Settings settings(Map<String, String> options) {
    return new ResidualGanTraining.Settings(
        Integer.parseInt(options.getOrDefault("steps", "3000")),
        Integer.parseInt(options.getOrDefault("batch", "500")),
        Integer.parseInt(options.getOrDefault("pac", "10")),
        Integer.parseInt(options.getOrDefault("noise", "32")),
        dims(options.getOrDefault("gDims", "256x256")),
        dims(options.getOrDefault("dDims", "256x256")),
        Double.parseDouble(options.getOrDefault("dropout", "0.5")),
        Double.parseDouble(options.getOrDefault("lrG", "2e-4")),
        Double.parseDouble(options.getOrDefault("lrD", "2e-4")),
        Integer.parseInt(options.getOrDefault("dSteps", "1")),
        Double.parseDouble(options.getOrDefault("gp", "10")),
        Double.parseDouble(options.getOrDefault("res", "0")),
        Integer.parseInt(options.getOrDefault("warmup", "0")),
        Double.parseDouble(options.getOrDefault("soft", "0")),
        "1".equals(options.getOrDefault("cond", "0")));
  }

  private static List<Integer> dims(String value) {
    return List.of(value.split("x")).stream().map(Integer::parseInt).toList();
  }

  static Path resource(String name) {
    try {
      return Path.of(CopulaGanCurve.class.getResource("/data/" + name + ".csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
