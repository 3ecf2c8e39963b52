package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentVisits;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineQuality;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineRules;
import io.github.syntheticpatients.runtime.eval.fidelity.Utility;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.TimelinePrivacy;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dp-vaegan} on fixed-length timelines beside the DP timeline {@code argn} on the same set
 * (issue 21; not run by the tests): pbcseq's patients with at least {@code --steps} visits (default
 * 4), each cut to its first {@code --steps} visits, one seeded 50/50 split by patient, both
 * generators trained on the training half at each ε with the same declared bounds ({@link
 * DpTimelineBenchmark#PBCSEQ_BOUNDS}); each model sampled for as many patients as the half and
 * scored against it (timeline quality's overall and lag-1, the patient-level membership attack's
 * AUC with the held-back half as holdout), and sampled for {@code --patients} more that are checked
 * against the timeline rules.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dai.djl.pytorch.num_threads=1
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.DpSeriesBenchmark
 * "-Dbenchmark.args=--steps 4 --epsilons 10,3,1 --generators dp-vaegan,argn"}; {@code --epochs N},
 * {@code --maxGap G} and {@code --firstTime F} (dp-vaegan's {@code vaegan.maxGap} and {@code
 * vaegan.firstTime}) and {@code --epsilons sigma=0.01} (a given noise multiplier, no target: what
 * the rest costs) vary it. {@code --seeds N} repeats everything on N splits and seeds from {@code
 * --seed}; {@code --target status} makes {@code status} the schema's target (dp-vaegan's labeler
 * then draws it) and adds its TSTR (one row per patient: statics and every visit's values); the
 * generators {@code real} (the held-back half: the ceiling) and {@code independent} ({@link
 * IndependentVisits}) are references. Each row also gives the share of sampled first visits at time
 * 0 and their median, and the training's wall and process CPU time.
 */
public final class DpSeriesBenchmark {
  private DpSeriesBenchmark() {}

  public static void main(String[] arguments) throws IOException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    List<String> epsilons = List.of("10", "3", "1");
    List<String> generators = List.of("dp-vaegan", "argn");
    long seed = 20251123L;
    int seeds = 1;
    String target = "";
    int steps = 4;
    int patients = 1000;
    String epochs = "";
    String maxGap = "";
    String firstTime = "";
    for (int i = 0; i < args.length - 1; i++) {
      switch (args[i]) {
        case "--epsilons" -> epsilons = List.of(args[i + 1].split(","));
        case "--generators" -> generators = List.of(args[i + 1].split(","));
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--seeds" -> seeds = Integer.parseInt(args[i + 1]);
        case "--target" -> target = args[i + 1];
        case "--steps" -> steps = Integer.parseInt(args[i + 1]);
        case "--patients" -> patients = Integer.parseInt(args[i + 1]);
        case "--epochs" -> epochs = args[i + 1];
        case "--maxGap" -> maxGap = args[i + 1];
        case "--firstTime" -> firstTime = args[i + 1];
        default -> {}
      }
    }
    Timelines loaded = TimelineFixtures.load("pbcseq", "id", "day");
    TableSchema schema = loaded.schema().withEndTime("futime");
    if (!target.isEmpty()) {
      schema = schema.withTarget(target);
    }
    Timelines all = firstVisits(loaded, schema, steps);
    System.out.println(
        "| generator, ε | seed | σ (critic for dp-vaegan) | steps | ε spent | overall | lag-1 | rule"
            + " violations in "
            + patients
            + " (time, static, after end, range) | patient MIA AUC | TSTR "
            + (target.isEmpty() ? "–" : target)
            + " (TRTR) | first visit at day 0 (real) | median first day | training (CPU) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (int s = 0; s < seeds; s++) {
      long runSeed = seed + s;
      Timelines[] halves = TimelineFixtures.split(all, 0.5, runSeed);
      Path work = Files.createTempDirectory("synthetic-dp-series-benchmark");
      Path csv = work.resolve("pbcseq-first" + steps + "-train.csv");
      TimelineFixtures.writeLongFormat(halves[0], csv);
      Path schemaFile = work.resolve("pbcseq.schema.json");
      SchemaJson.write(schema, schemaFile);
      System.out.printf(
          Locale.ROOT,
          "## pbcseq, first %d visits: %d of %d patients have as many; training half %d, held-back"
              + " half %d (seed %d)%n",
          steps,
          all.patientCount(),
          loaded.patientCount(),
          halves[0].patientCount(),
          halves[1].patientCount(),
          runSeed);
      for (String epsilon : epsilons) {
        for (String generator : generators) {
          if ((generator.equals("real") || generator.equals("independent"))
              && !epsilon.equals(epsilons.get(0))) {
            continue; // the references once per split
          }
          run(
              generator,
              epsilon,
              epochs,
              maxGap,
              firstTime,
              steps,
              halves,
              csv,
              schemaFile,
              work,
              runSeed,
              patients);
        }
      }
    }
  }

  private static void run(
      String generator,
      String epsilon,
      String epochs,
      String maxGap,
      String firstTime,
      int steps,
      Timelines[] halves,
      Path csv,
      Path schemaFile,
      Path work,
      long seed,
      int patients)
      throws IOException {
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator(generator)
            .withSeed(seed)
            .withOption("privacyGate", "warn")
            .withOption(
                epsilon.startsWith("sigma=") ? DpSettings.NOISE_MULTIPLIER : DpSettings.EPSILON,
                epsilon.replace("sigma=", ""))
            .withOption(
                generator.equals("argn") ? "maxVisits" : "vaegan.steps", String.valueOf(steps));
    if (!epochs.isEmpty()) {
      settings = settings.withEpochs(Integer.parseInt(epochs));
    }
    if (!maxGap.isEmpty() && generator.equals("dp-vaegan")) {
      settings = settings.withOption("vaegan.maxGap", maxGap);
    }
    if (!firstTime.isEmpty() && generator.equals("dp-vaegan")) {
      settings = settings.withOption("vaegan.firstTime", firstTime);
    }
    for (Map.Entry<String, String> bound : DpTimelineBenchmark.PBCSEQ_BOUNDS.entrySet()) {
      settings = settings.withOption(DpSettings.BOUNDS_PREFIX + bound.getKey(), bound.getValue());
    }
    TableSchema schema = halves[0].schema();
    Timelines train = halves[0];
    boolean real = generator.equals("real");
    boolean independent = generator.equals("independent");
    Timelines scored =
        independent ? IndependentVisits.sample(train, train.patientCount(), seed + 7) : halves[1];
    Timelines checked =
        independent ? IndependentVisits.sample(train, patients, seed + 9) : halves[1];
    Map<?, ?> dp = null;
    double seconds = 0;
    double cpuSeconds = 0;
    if (!real && !independent) {
      Path model = work.resolve(generator + "-" + epsilon + ".synth");
      List<String> messages = new ArrayList<>();
      TrainingListener listener =
          new TrainingListener() {
            @Override
            public void onMessage(String message) {
              if (message.startsWith("DP-SGD")) {
                messages.add(message);
              }
            }
          };
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      Training.train(new TrainRequest(csv, schemaFile, model, settings, true), listener);
      seconds = (System.nanoTime() - start) / 1e9;
      cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
      messages.forEach(m -> System.out.println("  " + m));
      SyntheticModel loaded = ModelLoader.load(model.toString());
      scored =
          TimelineBenchmark.toTimelines(
              loaded.sample(SampleRequest.of(train.patientCount(), seed + 7)),
              schema,
              work.resolve("scored.csv"));
      checked =
          TimelineBenchmark.toTimelines(
              loaded.sample(SampleRequest.of(patients, seed + 9)),
              schema,
              work.resolve("checked.csv"));
      dp = (Map<?, ?>) loaded.info().provenance().get("differentialPrivacy");
    }
    TimelineQuality quality = TimelineQuality.compute(train, scored);
    TimelineRules rules = TimelineRules.check(train, checked, ValueProtection.DEFAULT_K);
    TimelinePrivacy privacy =
        TimelinePrivacy.evaluate(train, halves[1], scored, null, GateSettings.defaults(), seed);
    String target = schema.target();
    String utility = "–";
    if (target != null && !real) {
      Utility.Result tstr =
          Utility.tstr(
              wide(train, steps), wide(halves[1], steps), wide(scored, steps), target, seed);
      utility =
          String.format(Locale.ROOT, "%.3f (%.3f) %s", tstr.tstr(), tstr.trtr(), tstr.metric());
    }
    System.out.printf(
        Locale.ROOT,
        "| %s, %s | %d | %.3f | %s | %.3f | %.3f | %.3f | %d (%d, %d, %s, %d) | %.3f | %s | %.2f"
            + " (%.2f) | %.0f | %.0f s (%.0f s) |%n",
        generator,
        real
            ? "the held-back half"
            : independent
                ? "independent visits (copies real statics)"
                : (epsilon.startsWith("sigma=") ? epsilon : "ε = " + epsilon)
                    + (epochs.isEmpty() ? "" : ", " + epochs + " epochs")
                    + (maxGap.isEmpty() || !generator.equals("dp-vaegan")
                        ? ""
                        : ", maxGap " + maxGap)
                    + (firstTime.isEmpty() || !generator.equals("dp-vaegan")
                        ? ""
                        : ", firstTime " + firstTime),
        seed,
        dp == null ? Double.NaN : ((Number) dp.get("noiseMultiplier")).doubleValue(),
        dp == null ? "–" : dp.get("steps"),
        dp == null ? Double.NaN : ((Number) dp.get("epsilon")).doubleValue(),
        quality.overall(),
        quality.autocorrelation(),
        rules.total(),
        rules.timeNotIncreasing(),
        rules.staticChanged(),
        rules.endTimeChecked() ? String.valueOf(rules.afterEndTime()) : "–",
        rules.outOfRange(),
        privacy.summaryReport().miaAuc(),
        utility,
        shareAtZero(checked),
        shareAtZero(train),
        medianFirstTime(checked),
        seconds,
        cpuSeconds);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The share of patients whose first visit is at time 0. */
  private static double shareAtZero(Timelines timelines) {
    double[] time = timelines.visits().column(timelines.schema().time());
    int zero = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      zero += time[timelines.firstRow(p)] == 0 ? 1 : 0;
    }
    return (double) zero / timelines.patientCount();
  }

  private static double medianFirstTime(Timelines timelines) {
    double[] time = timelines.visits().column(timelines.schema().time());
    double[] first = new double[timelines.patientCount()];
    for (int p = 0; p < first.length; p++) {
      first[p] = time[timelines.firstRow(p)];
    }
    java.util.Arrays.sort(first);
    return first[first.length / 2];
  }

  /**
   * One row per patient for TSTR on a static target: the static columns, then each of the first
   * {@code steps} visits' time and time-varying columns ({@code bili@2}: visit 2's bili).
   */
  static Table wide(Timelines timelines, int steps) {
    TableSchema schema = timelines.schema();
    List<ColumnSchema> columns = new ArrayList<>();
    List<double[]> cells = new ArrayList<>();
    int patients = timelines.patientCount();
    Table visits = timelines.visits();
    for (ColumnSchema column : schema.staticColumns()) {
      if (!column.isLearned()) {
        continue;
      }
      columns.add(column.withStaticAttribute(false));
      double[] values = new double[patients];
      double[] source = visits.column(column.name());
      for (int p = 0; p < patients; p++) {
        values[p] = source[timelines.firstRow(p)];
      }
      cells.add(values);
    }
    List<ColumnSchema> varying = new ArrayList<>();
    varying.add(schema.column(schema.time()).orElseThrow());
    varying.addAll(schema.timeVaryingColumns().stream().filter(ColumnSchema::isLearned).toList());
    for (int v = 0; v < steps; v++) {
      for (ColumnSchema column : varying) {
        columns.add(
            new ColumnSchema(
                column.name() + "@" + v,
                column.kind(),
                true,
                0,
                column.categories(),
                column.decimals(),
                false));
        double[] values = new double[patients];
        double[] source = visits.column(column.name());
        for (int p = 0; p < patients; p++) {
          values[p] = v < timelines.visitCount(p) ? source[timelines.firstRow(p) + v] : Double.NaN;
        }
        cells.add(values);
      }
    }
    return new Table(
        new TableSchema(columns, schema.target(), null, null), cells.toArray(new double[0][]));
  }

  /** The patients with at least {@code steps} visits, each cut to its first {@code steps}. */
  private static Timelines firstVisits(Timelines all, TableSchema schema, int steps) {
    List<Integer> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < all.patientCount(); p++) {
      if (all.visitCount(p) >= steps) {
        ids.add(all.id(p));
        for (int v = 0; v < steps; v++) {
          rows.add(all.firstRow(p) + v);
        }
      }
    }
    int[] starts = new int[ids.size() + 1];
    for (int p = 0; p < ids.size(); p++) {
      starts[p + 1] = starts[p] + steps;
    }
    var visits = all.visits().selectRows(rows.stream().mapToInt(Integer::intValue).toArray());
    double[][] columns = new double[visits.columnCount()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = visits.column(c);
    }
    return new Timelines(new Table(schema, columns), starts, ids);
  }
}
