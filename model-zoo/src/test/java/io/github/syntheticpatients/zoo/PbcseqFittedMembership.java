package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineQuality;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.TimelinePrivacy;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.Schemas;
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

/**
 * Measures the timeline argn's membership signal on the patients it fitted, as the pbcseq card's
 * rebuild trains it (the zoo's 234 training patients, its schema, {@code argn} with the defaults
 * and the given training options), over several training seeds (each a new job split and start) and
 * sampling draws: the patient MIA AUC of the fitted patients against the job's own holdout (what
 * the training gate judges) and against the zoo's held-back patients, whether the default gate
 * passes each draw, and the quality of each draw against the whole training part. Findings:
 * docs/benchmarks/longitudinal.md, "Regularising the visit chain".
 *
 * <p>Run from the repository root: {@code java -cp <model-zoo test classpath>
 * io.github.syntheticpatients.zoo.PbcseqFittedMembership <work directory> <training seeds> <draws>
 * [key=value,...]}.
 */
final class PbcseqFittedMembership {
  private PbcseqFittedMembership() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    int trainings = Integer.parseInt(args[1]);
    int draws = Integer.parseInt(args[2]);
    Map<String, String> options = new LinkedHashMap<>();
    if (args.length > 3) {
      for (String pair : args[3].split(",")) {
        if (!pair.isBlank()) {
          options.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
      }
    }
    Files.createDirectories(work);
    Path schemaFile = Path.of("model-zoo/src/data/pbcseq.schema.json");
    TableSchema schema = TableSchema.of(Schemas.read(schemaFile)).withTarget("status");
    Path train = work.resolve("train.csv");
    Path heldBackFile = work.resolve("held-back.csv");
    HeldBack.read(Path.of("model-zoo/src/data/pbcseq.csv"), "id")
        .split(RebuildZoo.HELD_BACK, RebuildZoo.SEED, heldBackFile, train);
    Timelines all = TimelineReader.read(train, schema, CsvOptions.defaults());
    Timelines heldBack = TimelineReader.read(heldBackFile, schema, CsvOptions.defaults());
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    for (int t = 0; t < trainings; t++) {
      long seed = TrainSettings.defaults().seed() + t;
      Path model = work.resolve("model-" + seed + ModelFile.EXTENSION);
      Path split = work.resolve("split-" + seed);
      TrainSettings settings =
          TrainSettings.defaults()
              .withGenerator("argn")
              .withSeed(seed)
              .withOption("privacyGate", "warn")
              .withOption("splitDir", split.toString());
      for (Map.Entry<String, String> option : options.entrySet()) {
        settings = settings.withOption(option.getKey(), option.getValue());
      }
      String[] jobGate = {"not reported"};
      Training.train(
          new TrainRequest(train, schemaFile, model, settings, true),
          new TrainingListener() {
            @Override
            public void onMessage(String message) {
              if (message.startsWith("Patient-level privacy gate ")) {
                jobGate[0] = message;
              } else if (message.startsWith("argn: kept")) {
                System.out.println("seed " + seed + " " + message);
              }
            }
          });
      System.out.println("seed " + seed + " " + jobGate[0]);
      scores
          .computeIfAbsent("job's gate passed", k -> new ArrayList<>())
          .add(jobGate[0].contains("gate passed") ? 1.0 : 0.0);
      Timelines fitted =
          TimelineReader.read(
              split.resolve(
                  model.getFileName().toString().replace(ModelFile.EXTENSION, ".train.csv")),
              schema,
              CsvOptions.defaults());
      Timelines jobHoldout =
          TimelineReader.read(
              split.resolve(
                  model.getFileName().toString().replace(ModelFile.EXTENSION, ".holdout.csv")),
              schema,
              CsvOptions.defaults());
      // A null for the split: real patients the job never saw (the held-back ones) as "synthetic".
      double splitNull =
          TimelinePrivacy.evaluate(
                  fitted, jobHoldout, heldBack, null, GateSettings.defaults(), seed)
              .summaryReport()
              .miaAuc();
      System.out.printf(
          Locale.ROOT,
          "seed %d null: MIA fitted vs job holdout with the held-back patients as synthetic %.3f%n",
          seed,
          splitNull);
      add(scores, "null MIA fitted vs job holdout (held-back as synthetic)", splitNull);
      for (int d = 0; d < draws; d++) {
        long drawSeed = RebuildZoo.SEED + d;
        Path sample = work.resolve("sample-" + seed + "-" + drawSeed + ".csv");
        Generation.generate(
            new GenerateRequest(
                model.toString(),
                fitted.patientCount(),
                drawSeed,
                null,
                sample,
                OutputFormat.CSV,
                List.of(),
                1,
                ""));
        Timelines synthetic = TimelineReader.read(sample, schema, CsvOptions.defaults());
        TimelinePrivacy gate =
            TimelinePrivacy.evaluate(
                fitted, jobHoldout, synthetic, null, GateSettings.defaults(), drawSeed);
        double heldBackMia =
            TimelinePrivacy.evaluate(
                    fitted, heldBack, synthetic, null, GateSettings.defaults(), drawSeed)
                .summaryReport()
                .miaAuc();
        double controlMia =
            TimelinePrivacy.evaluate(
                    jobHoldout, heldBack, synthetic, null, GateSettings.defaults(), drawSeed)
                .summaryReport()
                .miaAuc();
        TimelineQuality quality = TimelineQuality.compute(all, synthetic);
        add(scores, "MIA fitted vs job holdout", gate.summaryReport().miaAuc());
        add(scores, "MIA fitted vs held-back", heldBackMia);
        add(scores, "MIA job holdout vs held-back (no member fitted)", controlMia);
        add(scores, "gate passed on the draw", gate.gate().passed() ? 1.0 : 0.0);
        add(scores, "overall vs training part", quality.overall());
        add(scores, "lag-1 vs training part", quality.autocorrelation());
        add(scores, "length KS vs training part", quality.sequenceLength());
        System.out.printf(
            Locale.ROOT,
            "seed %d draw %d: MIA %.3f (job holdout) %.3f (held back) %.3f (control), gate %s,"
                + " overall %.3f, lag-1 %.3f%n",
            seed,
            drawSeed,
            gate.summaryReport().miaAuc(),
            heldBackMia,
            controlMia,
            gate.gate().passed()
                ? "passed"
                : "failed " + gate.gate().failures().stream().map(c -> c.id()).toList(),
            quality.overall(),
            quality.autocorrelation());
        Files.delete(sample);
      }
    }
    System.out.println(
        "options " + options + ", " + trainings + " trainings × " + draws + " draws");
    for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
      double mean = 0;
      for (double x : v) {
        mean += x;
      }
      mean /= v.length;
      double ss = 0;
      for (double x : v) {
        ss += (x - mean) * (x - mean);
      }
      System.out.printf(
          Locale.ROOT,
          "%-48s %.3f ± %.3f (n %d)%n",
          e.getKey(),
          mean,
          Math.sqrt(ss / Math.max(1, v.length - 1)),
          v.length);
    }
  }

  private static void add(Map<String, List<Double>> scores, String key, double value) {
    scores.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }
}
