package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineQuality;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineRules;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.TimelinePrivacy;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
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
 * {@code --maxGap G} (dp-vaegan's {@code vaegan.maxGap}) and {@code --epsilons sigma=0.01} (a given
 * noise multiplier, no target: what the rest costs) vary it.
 */
public final class DpSeriesBenchmark {
  private DpSeriesBenchmark() {}

  public static void main(String[] arguments) throws IOException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    List<String> epsilons = List.of("10", "3", "1");
    List<String> generators = List.of("dp-vaegan", "argn");
    long seed = 20251123L;
    int steps = 4;
    int patients = 1000;
    String epochs = "";
    String maxGap = "";
    for (int i = 0; i < args.length - 1; i++) {
      switch (args[i]) {
        case "--epsilons" -> epsilons = List.of(args[i + 1].split(","));
        case "--generators" -> generators = List.of(args[i + 1].split(","));
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--steps" -> steps = Integer.parseInt(args[i + 1]);
        case "--patients" -> patients = Integer.parseInt(args[i + 1]);
        case "--epochs" -> epochs = args[i + 1];
        case "--maxGap" -> maxGap = args[i + 1];
        default -> {}
      }
    }
    Timelines loaded = TimelineFixtures.load("pbcseq", "id", "day");
    TableSchema schema = loaded.schema().withEndTime("futime");
    Timelines all = firstVisits(loaded, schema, steps);
    Timelines[] halves = TimelineFixtures.split(all, 0.5, seed);
    Path work = Files.createTempDirectory("synthetic-dp-series-benchmark");
    Path csv = work.resolve("pbcseq-first" + steps + "-train.csv");
    TimelineFixtures.writeLongFormat(halves[0], csv);
    Path schemaFile = work.resolve("pbcseq.schema.json");
    SchemaJson.write(schema, schemaFile);
    System.out.printf(
        Locale.ROOT,
        "## pbcseq, first %d visits: %d of %d patients have as many; training half %d, held-back"
            + " half %d (seed %d)%n%n",
        steps,
        all.patientCount(),
        loaded.patientCount(),
        halves[0].patientCount(),
        halves[1].patientCount(),
        seed);
    System.out.println(
        "| generator, ε | σ (critic for dp-vaegan) | steps | ε spent | overall | lag-1 | rule"
            + " violations in "
            + patients
            + " (time, static, after end, range) | patient MIA AUC | training |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (String epsilon : epsilons) {
      for (String generator : generators) {
        run(
            generator,
            epsilon,
            epochs,
            maxGap,
            steps,
            halves,
            csv,
            schemaFile,
            work,
            seed,
            patients);
      }
    }
  }

  private static void run(
      String generator,
      String epsilon,
      String epochs,
      String maxGap,
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
    for (Map.Entry<String, String> bound : DpTimelineBenchmark.PBCSEQ_BOUNDS.entrySet()) {
      settings = settings.withOption(DpSettings.BOUNDS_PREFIX + bound.getKey(), bound.getValue());
    }
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
    Training.train(new TrainRequest(csv, schemaFile, model, settings, true), listener);
    double seconds = (System.nanoTime() - start) / 1e9;
    messages.forEach(m -> System.out.println("  " + m));
    SyntheticModel loaded = ModelLoader.load(model.toString());
    TableSchema schema = halves[0].schema();
    Timelines train = halves[0];
    Timelines scored =
        TimelineBenchmark.toTimelines(
            loaded.sample(SampleRequest.of(train.patientCount(), seed + 7)),
            schema,
            work.resolve("scored.csv"));
    Timelines checked =
        TimelineBenchmark.toTimelines(
            loaded.sample(SampleRequest.of(patients, seed + 9)),
            schema,
            work.resolve("checked.csv"));
    TimelineQuality quality = TimelineQuality.compute(train, scored);
    TimelineRules rules = TimelineRules.check(train, checked, ValueProtection.DEFAULT_K);
    TimelinePrivacy privacy =
        TimelinePrivacy.evaluate(train, halves[1], scored, null, GateSettings.defaults(), seed);
    Map<?, ?> dp = (Map<?, ?>) loaded.info().provenance().get("differentialPrivacy");
    System.out.printf(
        Locale.ROOT,
        "| %s, %s | %.3f | %s | %.3f | %.3f | %.3f | %d (%d, %d, %s, %d) | %.3f | %.0f s |%n",
        generator,
        (epsilon.startsWith("sigma=") ? epsilon : "ε = " + epsilon)
            + (epochs.isEmpty() ? "" : ", " + epochs + " epochs")
            + (maxGap.isEmpty() || !generator.equals("dp-vaegan") ? "" : ", maxGap " + maxGap),
        ((Number) dp.get("noiseMultiplier")).doubleValue(),
        dp.get("steps"),
        ((Number) dp.get("epsilon")).doubleValue(),
        quality.overall(),
        quality.autocorrelation(),
        rules.total(),
        rules.timeNotIncreasing(),
        rules.staticChanged(),
        rules.endTimeChecked() ? String.valueOf(rules.afterEndTime()) : "–",
        rules.outOfRange(),
        privacy.summaryReport().miaAuc(),
        seconds);
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
    return new Timelines(
        new io.github.syntheticpatients.runtime.data.Table(schema, columns), starts, ids);
  }
}
