package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.report.EvaluationReport;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.gan.GanSettings;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.gan.TrainedGenerator;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * What the paired GAN benchmarks ({@code GanEncodingPaired}, {@code GanCriticPaired}) share: the
 * shared tables with their target and sensitive columns, one CTGAN training sampled in plain Java
 * through the model, the scores of one sample against the held-back half (the same code and seeds
 * for every generator, so two generators' scores on one split are paired) and the mean ± sd summary
 * over seeds.
 */
final class PairedScoring {
  /** The first split seed, as {@code GanLearningCurve} and {@code TabularBenchmark} use it. */
  static final long FIRST_SEED = 20251123L;

  /** Detector seeds each tree AUC is averaged over. */
  static final int DETECTORS = 3;

  /** Target and sensitive column, as {@code TabularBenchmark} uses them. */
  private static final Map<String, String[]> COLUMNS =
      Map.of(
          "rotterdam", new String[] {"death", "grade"},
          "colon", new String[] {"status", "sex"},
          "flchain", new String[] {"death", "chapter"},
          "nafld1", new String[] {"status", "male"},
          "pbc", new String[] {"status", "stage"});

  /** Measures in {@link Score#values()}, in order. */
  static final String MEASURES = "| tree AUC | quality | shapes | pairs | TSTR ratio | MIA AUC |";

  private PairedScoring() {}

  /**
   * The scores of one sample. NaN where a measure was not computed (a light score has no TSTR, MIA
   * or gate).
   */
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
          Double.isNaN(mia) ? "—" : gate ? "pass" : "FAIL");
    }

    double[] values() {
      return new double[] {tree, quality, shapes, pairs, tstr, mia};
    }
  }

  /** The command line's first word, then {@code key=value} options. */
  static Map<String, String> options(String[] arguments) {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    Map<String, String> options = new HashMap<>();
    options.put("table", args[0]);
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected key=value, got '" + args[i] + "'");
      }
      options.put(kv[0], kv[1]);
    }
    return options;
  }

  /** Target and sensitive column of a shared table. */
  static String[] columns(String dataset) {
    String[] columns = COLUMNS.get(dataset);
    if (columns == null) {
      throw new IllegalArgumentException(
          "no target for table '" + dataset + "'; use one of " + COLUMNS.keySet());
    }
    return columns;
  }

  /** The shared table {@code /data/<dataset>.csv} with its target declared. */
  static Table load(String dataset) {
    Path csv;
    try {
      csv = Path.of(PairedScoring.class.getResource("/data/" + dataset + ".csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(columns(dataset)[0]);
    return CsvTableReader.read(csv, schema, null);
  }

  /** An encoder for {@code train} with the numeric encoding {@code encoding}. */
  static TableEncoder encoder(Table train, String encoding, long seed) {
    EncoderSettings encoderSettings =
        EncoderSettings.fromOptions(Map.of(EncoderSettings.NUMERIC_ENCODING, encoding));
    return TableEncoderFitter.fit(train, encoderSettings, seed);
  }

  /**
   * Trains one CTGAN with {@code settings} on {@code train}; every generator it exports (the
   * snapshots every {@code settings.snapshotEvery()} epochs and the last one, once) goes to {@code
   * generators}.
   */
  static void trainCtgan(
      Table train,
      TableEncoder encoder,
      GanSettings settings,
      long seed,
      Consumer<TrainedGenerator> generators) {
    boolean[] lastSeen = new boolean[1];
    TrainedGenerator last =
        GanTrainer.train(
            encoder.encode(train, seed),
            train.rowCount(),
            encoder.layout(),
            settings,
            seed,
            TrainingListener.NONE,
            snapshot -> {
              lastSeen[0] |= snapshot.epochs() == settings.epochs();
              generators.accept(snapshot);
            });
    if (!lastSeen[0]) {
      generators.accept(last);
    }
  }

  /**
   * {@code rows} records of one trained generator, sampled in plain Java through the model the
   * toolkit would write, with sampling seed {@code seed + 7} (the copula's first sample uses the
   * same).
   */
  static Table sample(
      Table train,
      TableEncoder encoder,
      TrainedGenerator generator,
      GanSettings settings,
      int rows,
      long seed) {
    Candidate candidate =
        GanFitting.candidate("ctgan", train, encoder.state(), generator, settings);
    return Table.of(candidate.model().sample(SampleRequest.of(rows, seed + 7)).table());
  }

  /**
   * The reference every paired benchmark compares with: the copula fitted on {@code train}, sampled
   * twice to its size (sampling seeds {@code seed + 7}, which a generator's sample shares, and
   * {@code seed + 1007}) and each sample scored; the second minus the first is the noise floor.
   */
  static Score[] copulaTwice(Table train, Table heldBack, String[] columns, long seed) {
    GaussianCopula copula = GaussianCopulaFitter.fit(train);
    int rows = train.rowCount();
    return new Score[] {
      score(train, heldBack, copula.sample(rows, RandomStream.of(seed + 7)), columns, seed),
      score(train, heldBack, copula.sample(rows, RandomStream.of(seed + 1007)), columns, seed)
    };
  }

  /**
   * Every measure of {@code synthetic} against {@code heldBack}: the tree AUC averaged over {@link
   * #DETECTORS} detector seeds, then the evaluation report's quality, TSTR ratio, membership-attack
   * AUC and gate ({@code train} is what the generator was fitted on).
   */
  static Score score(Table train, Table heldBack, Table synthetic, String[] columns, long seed) {
    EvaluationReport r =
        EvaluationReport.compute(
            train, heldBack, synthetic, columns[0], columns[1], GateSettings.defaults(), seed);
    return new Score(
        tree(heldBack, synthetic, seed),
        r.quality().overall(),
        r.quality().columnShapes(),
        r.quality().columnPairTrends(),
        r.utility() == null ? Double.NaN : r.utility().ratio(),
        r.privacy().miaAuc(),
        r.privacyPassed());
  }

  /** Tree AUC (averaged over {@link #DETECTORS} seeds) and overall quality only. */
  static Score lightScore(Table heldBack, Table synthetic, long seed) {
    return new Score(
        tree(heldBack, synthetic, seed),
        TabularTrainingJob.quality(heldBack, synthetic),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        false);
  }

  private static double tree(Table heldBack, Table synthetic, long seed) {
    double tree = 0;
    for (int i = 0; i < DETECTORS; i++) {
      tree += TreeDetection.auc(heldBack, synthetic, seed + 100L * i);
    }
    return tree / DETECTORS;
  }

  /** CPU seconds this process has used (all its threads, torch's included). */
  static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  static double[] minus(Score a, Score b) {
    return minus(a.values(), b.values());
  }

  static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }

  /**
   * One summary line: per measure the mean over seeds ± the sd over seeds, or for a paired
   * difference ({@code difference}) the mean ± its standard error (sd / √seeds) and the sd
   * (commons-math's sample statistics).
   */
  static String summaryLine(String name, List<double[]> perSeed, boolean difference) {
    StringBuilder line = new StringBuilder("| " + name + " | " + perSeed.size() + " |");
    for (int m = 0; m < perSeed.get(0).length; m++) {
      SummaryStatistics stats = new SummaryStatistics();
      for (double[] v : perSeed) {
        stats.addValue(v[m]);
      }
      double mean = stats.getMean();
      double sd = perSeed.size() > 1 ? stats.getStandardDeviation() : Double.NaN;
      if (difference) {
        line.append(
            String.format(
                Locale.ROOT,
                " %+.3f ± %.3f (sd %.3f) |",
                mean,
                sd / Math.sqrt(perSeed.size()),
                sd));
      } else {
        line.append(String.format(Locale.ROOT, " %.3f ± %.3f |", mean, sd));
      }
    }
    return line.toString();
  }

  /**
   * The run's summary: a title naming the table, the seeds and the detector seeds, then one {@link
   * #summaryLine} per entry of {@code results} (an entry whose name holds " − " is a paired
   * difference).
   */
  static void printSummary(
      String dataset, int seeds, long firstSeed, Map<String, List<double[]>> results) {
    System.out.printf(
        Locale.ROOT,
        "%n%s, %d seeds from %d, %d detector seeds; levels: mean ± sd over seeds; differences"
            + " (paired, same split and seeds): mean ± SE (sd)%n",
        dataset,
        seeds,
        firstSeed,
        DETECTORS);
    System.out.println("| generator | seeds " + MEASURES);
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      System.out.println(summaryLine(e.getKey(), e.getValue(), e.getKey().contains(" − ")));
    }
  }
}
