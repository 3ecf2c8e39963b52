package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyGate;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Asks whether a zoo recipe's gate refusal belongs to the generator or to the split: runs the
 * privacy gate on the training job's own split (its fitted part against its privacy holdout, as
 * training does) with <b>fresh real rows</b>, the rebuild's held-back quarter, in place of the
 * synthetic rows. Fresh rows have no membership signal, so a refusal here is a false refusal at
 * this split, and any generator judged on it starts from there. Tabular recipes only. Prints one
 * line per held-back split (the rebuild's seed, then the next ones; {@code SPLITS}, default 1) and
 * training seed (the default seed, then the next ones; {@code SEEDS}, default 1):
 *
 * <pre>
 * java -cp ... io.github.syntheticpatients.zoo.FreshRowsGate DATA.csv DATA.schema.json [SEEDS [SPLITS]]
 * </pre>
 *
 * The split comes from training itself (a copula with the gate warning only, {@code splitDir} set),
 * so it is the job's split, not a copy of its rule.
 */
public final class FreshRowsGate {
  private FreshRowsGate() {}

  public static void main(String[] args) throws IOException {
    Path csv = Path.of(args[0]);
    Path schemaFile = Path.of(args[1]);
    int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int splits = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    TableSchema schema = TableSchema.of(Schemas.read(schemaFile));
    for (int h = 0; h < splits; h++) {
      Path work = Files.createTempDirectory("synthetic-fresh-rows-gate");
      Path train = work.resolve("train.csv");
      Path heldBack = work.resolve("held-back.csv");
      long heldBackSeed = RebuildZoo.SEED + h;
      HeldBack.read(csv, null).split(RebuildZoo.HELD_BACK, heldBackSeed, heldBack, train);
      try {
        Table fresh = CsvTableReader.read(heldBack, schema);
        for (int s = 0; s < seeds; s++) {
          long seed = TrainSettings.DEFAULT_SEED + s;
          System.out.println(
              "held-back seed "
                  + heldBackSeed
                  + ", "
                  + freshRowsGate(train, schemaFile, schema, fresh, work, seed));
        }
      } finally {
        // the parts are real rows: none stays behind
        RebuildZoo.deleteTree(work);
      }
    }
  }

  private static String freshRowsGate(
      Path train, Path schemaFile, TableSchema schema, Table fresh, Path work, long seed)
      throws IOException {
    Path split = Files.createDirectories(work.resolve("split-" + seed));
    Path model = split.resolve("m.synth");
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator("copula")
            .withSeed(seed)
            .withOption("privacyGate", "warn")
            .withOption("splitDir", split.toString());
    Training.train(
        new TrainRequest(train, schemaFile, model, settings, true), new TrainingListener() {});
    GateResult gate =
        PrivacyGate.evaluate(
            CsvTableReader.read(split.resolve("m.train.csv"), schema),
            CsvTableReader.read(split.resolve("m.holdout.csv"), schema),
            fresh,
            null,
            GateSettings.defaults(),
            seed);
    StringBuilder line =
        new StringBuilder(String.format(Locale.ROOT, "training seed %d: %s", seed, gate.summary()));
    for (GateCheck check : gate.checks()) {
      if (check.name().endsWith("Auc") || !check.passed()) {
        line.append(
            String.format(
                Locale.ROOT,
                "; %s %s %.4f (limit %.4f)",
                check.id(),
                check.name(),
                check.value(),
                check.threshold()));
      }
    }
    return line.toString();
  }
}
