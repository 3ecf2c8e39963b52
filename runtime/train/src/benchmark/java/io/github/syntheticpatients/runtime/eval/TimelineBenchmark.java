package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainResult;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentVisits;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineQuality;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.PatientSummaries;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyGate;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyReport;
import io.github.syntheticpatients.runtime.eval.privacy.TimelinePrivacy;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The longitudinal benchmark (not run by the tests). pbcseq's 312 patients are split 50/50 by
 * patient (seeded); a longitudinal model is trained on the training half through the public API
 * ({@code Training.train} with {@code withLongitudinal("id", "day")}), loaded with {@code
 * ModelLoader}, and sampled to the training half's size. Its timelines are scored against the
 * training half by {@link TimelineQuality}, and its patient-level privacy by {@link
 * TimelinePrivacy} with the other half as holdout, next to two references scored by the same code:
 * the independent-visits baseline ({@link IndependentVisits}) and a fresh real sample (one quarter
 * of the data as "synthetic", the other quarter as holdout). It also prints the time per epoch
 * (from the listener's progress) and the plain-Java sampling speed for {@code --patients} patients.
 *
 * <p>Run (see docs/benchmarks/longitudinal.md): {@code mvn -B -pl runtime/train -am -Pbenchmark
 * test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.TimelineBenchmark
 * "-Dbenchmark.args=--epochs 300 --patients 10000"}; optional {@code --generator <name>}, {@code
 * --seed <n>}, {@code --torch-threads <n>} (sets {@code ai.djl.pytorch.num_threads}), {@code
 * --skip-training}, {@code --options key=value,key=value} (training options), {@code
 * --privacy-probe} (patient DCR share by column group).
 */
public final class TimelineBenchmark {
  private TimelineBenchmark() {}

  public static void main(String[] arguments) throws IOException {
    // Maven passes -Dbenchmark.args as one argument: split it.
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
        options.put(args[i].substring(2), flag ? "true" : args[++i]);
      }
    }
    if (options.containsKey("torch-threads")) {
      // libtorch's OpenMP threads spin when the cores are shared (see docs/benchmarks/README.md)
      System.setProperty("ai.djl.pytorch.num_threads", options.get("torch-threads"));
    }
    long seed = Long.parseLong(options.getOrDefault("seed", "20251123"));
    int samplePatients = Integer.parseInt(options.getOrDefault("patients", "10000"));

    Timelines all = TimelineFixtures.load("pbcseq", "id", "day");
    Timelines[] halves = TimelineFixtures.split(all, 0.5, seed);
    Timelines train = halves[0];
    Timelines held = halves[1];
    Timelines[] quarters = TimelineFixtures.split(held, 0.5, seed + 2);
    System.out.printf(
        Locale.ROOT,
        "pbcseq: %d patients, %d visits; training half %d patients (%d visits), held-back half %d%n",
        all.patientCount(),
        all.visits().rowCount(),
        train.patientCount(),
        train.visits().rowCount(),
        held.patientCount());
    System.out.println(header());
    System.out.println(
        row(
            "independent visits (baseline)",
            train,
            held,
            IndependentVisits.sample(train, train.patientCount(), seed + 1),
            seed));
    System.out.println(row("fresh real (¼ vs ¼)", train, quarters[1], quarters[0], seed));
    if (options.containsKey("skip-training")) {
      return;
    }

    Path work = Files.createTempDirectory("synthetic-timeline-benchmark");
    Path trainCsv = work.resolve("pbcseq-train.csv");
    TimelineFixtures.writeLongFormat(train, trainCsv);
    Path model = work.resolve("pbcseq.synth");
    TrainSettings settings =
        TrainSettings.defaults().withSeed(seed).withOption("privacyGate", "warn");
    if (options.containsKey("generator")) {
      settings = settings.withGenerator(options.get("generator"));
    }
    if (options.containsKey("epochs")) {
      settings = settings.withEpochs(Integer.parseInt(options.get("epochs")));
    }
    if (options.containsKey("options")) {
      // Training options as key=value pairs separated by commas, e.g.
      // numericEncoding=gmm,snapshotEvery=50.
      for (String pair : options.get("options").split(",")) {
        int eq = pair.indexOf('=');
        settings = settings.withOption(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    List<Double> epochSeconds = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          private double last;

          @Override
          public void onEpoch(EpochProgress progress) {
            double elapsed = progress.elapsed().toNanos() / 1e9;
            epochSeconds.add(elapsed - last);
            last = elapsed;
          }

          @Override
          public void onMessage(String message) {
            System.out.println("  [training] " + message);
          }
        };
    long start = System.nanoTime();
    TrainResult result =
        Training.train(
            new TrainRequest(trainCsv, null, model, settings, true).withLongitudinal("id", "day"),
            listener);
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "training: %d epochs in %.1f s (end to end); per epoch: median %.3f s, mean %.3f s, max %.3f s%n",
        result.epochs(),
        trainSeconds,
        quantile(epochSeconds, 0.5),
        mean(epochSeconds),
        quantile(epochSeconds, 1.0));

    SyntheticModel loaded = ModelLoader.load(model.toString());
    Timelines synthetic =
        toTimelines(
            loaded.sample(SampleRequest.of(train.patientCount(), seed + 7)),
            train.schema(),
            work.resolve("synthetic.csv"));
    System.out.println(header());
    System.out.println(
        row(
            String.format(Locale.ROOT, "%s (%d epochs)", settings.generator(), result.epochs()),
            train,
            held,
            synthetic,
            seed));

    if (options.containsKey("privacy-probe")) {
      printDcrByColumnGroup(
          "baseline",
          train,
          held,
          IndependentVisits.sample(train, train.patientCount(), seed + 1),
          seed);
      printDcrByColumnGroup("fresh real", train, quarters[1], quarters[0], seed);
      printDcrByColumnGroup("model", train, held, synthetic, seed);
    }

    loaded.sample(SampleRequest.of(Math.min(1000, samplePatients), seed + 8)); // warm-up
    long t0 = System.nanoTime();
    SampleResult big = loaded.sample(SampleRequest.of(samplePatients, seed + 9));
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "sampling: %d patients (%d visits) in %.3f s = %.0f patients/s%n",
        big.timelines().size(),
        big.table().rowCount(),
        seconds,
        big.timelines().size() / seconds);
  }

  /**
   * Which part of the patient summaries makes synthetic patients closer to training than to holdout
   * patients: the patient-level DCR share on the patient columns (static attributes, visit count,
   * first time, span) alone and on the per-variable visit summaries (first, last, mean or mode,
   * missing share) alone.
   */
  private static void printDcrByColumnGroup(
      String label, Timelines train, Timelines holdout, Timelines synthetic, long seed) {
    Table t = PatientSummaries.of(train);
    Table h = PatientSummaries.of(holdout);
    Table s = PatientSummaries.of(synthetic);
    List<Integer> patient = new ArrayList<>();
    List<Integer> visits = new ArrayList<>();
    for (int c = 0; c < t.columnCount(); c++) {
      String name = t.schema().columns().get(c).name();
      boolean timeVarying =
          train.schema().timeVaryingColumns().stream()
              .anyMatch(v -> name.startsWith(v.name() + "."));
      (timeVarying ? visits : patient).add(c);
    }
    System.out.printf(
        Locale.ROOT,
        "patient DCR share of %s: all %.3f, patient columns %.3f, visit summaries %.3f%n",
        label,
        dcrShare(t, h, s, seed),
        dcrShare(project(t, patient), project(h, patient), project(s, patient), seed),
        dcrShare(project(t, visits), project(h, visits), project(s, visits), seed));
  }

  private static double dcrShare(Table train, Table holdout, Table synthetic, long seed) {
    return PrivacyGate.report(train, holdout, synthetic, null, GateSettings.defaults(), seed)
        .dcrShare();
  }

  private static Table project(Table table, List<Integer> columns) {
    List<ColumnSchema> schema = new ArrayList<>();
    double[][] cells = new double[columns.size()][];
    for (int i = 0; i < columns.size(); i++) {
      schema.add(table.schema().columns().get(columns.get(i)));
      cells[i] = table.column(columns.get(i));
    }
    return new Table(new TableSchema(schema, null, null, null), cells);
  }

  /** The markdown header matching {@link #row}. */
  static String header() {
    return "| synthetic | overall | static | visit values | length | gaps | lag-1 | trend | cross-variable"
        + " | copied timelines | patient DCR share | patient MIA AUC | patient gate | failed checks |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
  }

  /** Scores one set of synthetic timelines and formats it as a markdown row. */
  static String row(
      String label, Timelines train, Timelines holdout, Timelines synthetic, long seed) {
    TimelineQuality q = TimelineQuality.compute(train, synthetic);
    TimelinePrivacy p =
        TimelinePrivacy.evaluate(train, holdout, synthetic, null, GateSettings.defaults(), seed);
    List<GateCheck> failed = p.gate().failures();
    String failures =
        failed.isEmpty()
            ? "–"
            : failed.stream().map(c -> c.id() + " " + c.name()).collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %.3f | %.3f | %s | %s |",
        label,
        q.overall(),
        q.staticShapes(),
        q.visitShapes(),
        q.sequenceLength(),
        q.visitGaps(),
        q.autocorrelation(),
        q.trend(),
        q.crossVariable(),
        p.copiedTimelines(),
        p.summaryReport().dcrShare(),
        p.summaryReport().miaAuc(),
        p.gate().passed() ? "pass" : "FAIL",
        failures);
  }

  /** Writes timelines as a long-format CSV with their ids in the id column. */
  /**
   * A longitudinal sample read back under the real data's schema (through CSV, so category codes
   * are matched by label), grouped by the result's timelines.
   */
  static Timelines toTimelines(SampleResult result, TableSchema schema, Path csv) {
    CsvRecordWriter.write(
        csv, schema.outputColumns().stream().map(ColumnSchema::name).toList(), result.records());
    Table visits = CsvTableReader.read(csv, schema, null);
    int[] starts = new int[result.timelines().size() + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < result.timelines().size(); p++) {
      starts[p + 1] = starts[p] + result.timelines().get(p).visits().size();
      ids.add(result.timelines().get(p).id());
    }
    return new Timelines(visits, starts, ids);
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double quantile(List<Double> values, double q) {
    return PrivacyReport.quantile(values.stream().mapToDouble(Double::doubleValue).toArray(), q);
  }
}
