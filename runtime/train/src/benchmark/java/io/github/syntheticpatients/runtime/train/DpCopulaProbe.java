package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpBenchmark;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.fidelity.Utility;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A quick look at the DP copula over many seeds, for tuning (not run by the tests): on {@link
 * DpBenchmark}'s split, training rows and declared bounds, it fits the DP copula and the copula
 * without DP on the same rows and scores only overall quality and the TSTR ratio against the
 * training half (seconds a seed, where the full evaluation takes minutes). Run like {@link
 * DpBenchmark} with {@code
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.train.DpCopulaProbe
 * "-Dbenchmark.args=--data colon --seeds 0:5 --epsilon 3 --configs ;dp.copulaBins=20"}.
 */
public final class DpCopulaProbe {
  private DpCopulaProbe() {}

  public static void main(String[] arguments) throws URISyntaxException {
    String data = "colon";
    int from = 0;
    int to = 5;
    String epsilon = "3";
    List<String> configs = List.of("");
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    for (int i = 0; i < args.length - 1; i++) {
      switch (args[i]) {
        case "--data" -> data = args[i + 1];
        case "--seeds" -> {
          String[] range = args[i + 1].split(":");
          from = Integer.parseInt(range[0]);
          to = Integer.parseInt(range[1]);
        }
        case "--epsilon" -> epsilon = args[i + 1];
        case "--configs" -> configs = List.of(args[i + 1].split(";", -1));
        default -> {}
      }
    }
    String target = DpBenchmark.target(data);
    Path csv = Path.of(DpCopulaProbe.class.getResource("/data/" + data + ".csv").toURI());
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(target);
    Table all = CsvTableReader.read(csv, schema, null);
    for (String config : configs) {
      double[][] scores = new double[4][to - from];
      for (int s = from; s < to; s++) {
        long seed = 20261206L + s;
        EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
        Table half = split.train();
        // The rows Training.train fits on under DP: the privacy holdout out, no validation part.
        int count = half.rowCount();
        DataSplit rows =
            DataSplit.of(count, TrainingOptions.defaultHoldoutFraction(count), 0.0, seed);
        Table train = half.selectRows(rows.train());
        TrainSettings settings =
            TrainSettings.defaults()
                .withGenerator("copula")
                .withSeed(seed)
                .withOption(DpSettings.EPSILON, epsilon);
        for (Map.Entry<String, String> bound : DpBenchmark.bounds(data).entrySet()) {
          settings =
              settings.withOption(DpSettings.BOUNDS_PREFIX + bound.getKey(), bound.getValue());
        }
        for (String pair : config.isBlank() ? new String[0] : config.split(",")) {
          String[] kv = pair.split("=", 2);
          settings = settings.withOption(kv[0], kv[1]);
        }
        Candidate dp =
            DpCopulaFitting.fit(
                settings,
                DpSettings.fromOptions(settings.options()),
                train,
                new TrainingListener() {});
        Candidate plain = Candidate.copula(schema, GaussianCopulaFitter.fit(train, 5).state());
        int i = s - from;
        for (int m = 0; m < 2; m++) {
          Candidate candidate = m == 0 ? dp : plain;
          Table synthetic =
              Table.of(candidate.model().sample(SampleRequest.of(count, seed + 7)).table());
          scores[2 * m][i] = QualityReport.compute(half, synthetic).overall();
          scores[2 * m + 1][i] =
              Utility.tstr(half, split.holdout(), synthetic, target, seed).ratio();
        }
        System.out.printf(
            Locale.ROOT,
            "%s [%s] seed %d: overall %.3f (no DP %.3f) TSTR ratio %.3f (no DP %.3f)%n",
            data,
            config,
            seed,
            scores[0][i],
            scores[2][i],
            scores[1][i],
            scores[3][i]);
      }
      double[] gap = new double[to - from];
      for (int i = 0; i < gap.length; i++) {
        gap[i] = scores[2][i] - scores[0][i];
      }
      System.out.printf(
          Locale.ROOT,
          "%s [%s] epsilon %s: overall %s, gap %s, TSTR ratio %s | no DP: overall %s, TSTR ratio"
              + " %s%n",
          data,
          config,
          epsilon,
          summary(scores[0]),
          summary(gap),
          summary(scores[1]),
          summary(scores[2]),
          summary(scores[3]));
    }
  }

  /** Mean ± sd (min … max). */
  private static String summary(double[] values) {
    double mean = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      mean += v / values.length;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double sd = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
    return String.format(Locale.ROOT, "%.3f ± %.3f (%.3f … %.3f)", mean, sd, min, max);
  }
}
