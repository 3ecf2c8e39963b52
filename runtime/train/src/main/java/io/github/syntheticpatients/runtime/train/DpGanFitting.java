package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.DpGanTrainer;
import io.github.syntheticpatients.runtime.gan.GanSettings;
import io.github.syntheticpatients.runtime.model.GanGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the CTGAN with DP-SGD on its discriminator (privacy notes §5): an encoder from the schema
 * and the declared bounds only, {@link DpGanTrainer} for the planned critic steps (no snapshot
 * selection), and the guarantee in the model card under the same record as DP argn's.
 */
final class DpGanFitting {
  /** Passes over the data when no epoch count is given: a fixed plan, no selection under DP. */
  static final int DEFAULT_EPOCHS = 30;

  /**
   * The expected batch under DP when none is given: small, for many steps at a fixed ε, as for argn
   * (docs/benchmarks/dp.md).
   */
  static final int DEFAULT_BATCH = 64;

  private DpGanFitting() {}

  static Candidate fit(
      TrainSettings settings, DpSettings dp, Table train, TrainingListener listener) {
    TableEncoder encoder =
        TableEncoderFitter.fitPublic(train.schema(), dp.bounds(), DpSettings.BOUNDS_PREFIX);
    int rows = train.rowCount();
    int batch =
        settings.batchSize() > 0
            ? settings.batchSize()
            : Math.max(2, Math.min(DEFAULT_BATCH, rows));
    double rate = DpPlan.samplingRate(batch, rows);
    int epochs = settings.epochs() > 0 ? settings.epochs() : DEFAULT_EPOCHS;
    GanSettings base = GanSettings.forData(GanSettings.Kind.CTGAN, rows);
    GanSettings gan =
        base.toBuilder()
            .optPac(1)
            .optBatchSize(batch)
            .optEpochs(epochs)
            .optSnapshotEvery(0)
            .build();
    DpPlan plan = DpPlan.of(dp, rows, rate, DpPlan.steps(epochs * gan.discriminatorSteps(), rate));
    listener.onMessage(
        plan.announce("the CTGAN's discriminator", "records", batch, "critic steps"));
    DpGanTrainer.Result result =
        DpGanTrainer.train(
            encoder.encode(train, settings.seed()),
            rows,
            encoder.layout(),
            gan,
            plan.schedule(),
            plan.ledger(),
            settings.seed(),
            listener);
    Map<String, Object> record =
        plan.finish(
            listener,
            result.steps(),
            "critic steps",
            result.clippedShare(),
            result.stoppedAtBudget(),
            "row",
            "public: categories and nullability from the schema, numeric columns min-max scaled"
                + " between the dp.bounds options; DP-SGD on the discriminator only, the"
                + " generator is post-processing; no conditional vector, no PacGAN packing, the"
                + " gradient penalty on generated rows only; no snapshot selection, no losses"
                + " recorded");
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(DpArgnFitting.RECORD, record);
    facts.put("epochsTrained", result.trained().epochs());
    facts.put("numerics", DjlEngine.numerics());
    GanGenerator network =
        new GanGenerator(result.trained().generator(), result.trained().latentDim(), List.of());
    return Candidate.gan(
        "ctgan", train.schema(), encoder.state(), network, result.trained().epochs(), facts);
  }
}
