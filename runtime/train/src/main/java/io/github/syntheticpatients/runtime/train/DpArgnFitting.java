package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelInfo;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.argn.ArgnSettings;
import io.github.syntheticpatients.runtime.argn.DpArgnTrainer;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.eval.privacy.DpAccountingCheck;
import io.github.syntheticpatients.runtime.fit.argn.ArgnEncodingFitter;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fits the autoregressive generator with DP-SGD (issue 21): the encoding from the schema and the
 * declared bounds only, then {@link DpArgnTrainer} for the planned steps (no early stopping), and
 * the guarantee recorded in the model card's provenance under {@value #RECORD}. The one place that
 * decides which generators support DP.
 */
final class DpArgnFitting {
  /** The provenance key of the DP record. */
  static final String RECORD = ModelInfo.DIFFERENTIAL_PRIVACY;

  /**
   * Passes over the data when no epoch count is given (a fixed plan: no early stopping under DP).
   */
  static final int DEFAULT_EPOCHS = 20;

  /**
   * The tabular generators that train with DP: DP-SGD (argn, ctgan, dp-vaegan) or Gaussian
   * mechanisms (the copula; {@code auto} under DP fits it alone, so the budget is spent once).
   */
  static final Set<String> DP_GENERATORS = Set.of("argn", "ctgan", "dp-vaegan", "copula", "auto");

  /**
   * The DP record's {@code sampling} for mechanisms that read every record once (q = 1, as
   * accounted).
   */
  static final String NO_SAMPLING = "none (every record, q = 1)";

  private DpArgnFitting() {}

  /**
   * Refuses DP options for a generator or data kind that has no DP training yet.
   *
   * @throws InvalidInputException naming {@code generator} (or {@code entityId})
   */
  static void requireSupported(TrainSettings settings, boolean longitudinal) {
    String generator = settings.generator().toLowerCase(Locale.ROOT);
    if (!DpSettings.requested(settings.options())) {
      DpSettings.fromOptions(settings.options()); // refuses a stray dp.* option
      DpCopulaFitting.requireUnused(settings.options());
      return;
    }
    if (!generator.equals("copula")) {
      DpCopulaFitting.requireUnused(settings.options());
    }
    // Under DP the GANs' encoder reads no record: every continuous column is min-max scaled between
    // its declared dp.bounds (TableEncoderFitter.fitPublic), so the encoder's options would do
    // nothing.
    for (String key : settings.options().keySet().stream().sorted().toList()) {
      if (EncoderSettings.OPTIONS.contains(key)) {
        throw InvalidInputException.inParameter(
            key,
            "option "
                + key
                + " does nothing under DP (dp.epsilon / dp.noiseMultiplier): the encoder then reads"
                + " no record and scales each continuous column min-max between its declared"
                + " dp.bounds. Remove it from synthetic.options, or train without DP");
      }
    }
    if (longitudinal
        && !generator.equals("argn")
        && !generator.equals(DpSeriesVaeGanFitting.GENERATOR)) {
      throw InvalidInputException.inParameter(
          "generator",
          "DP training (dp.epsilon / dp.noiseMultiplier) of timelines needs"
              + " -Dsynthetic.generator=argn or dp-vaegan (fixed-length series, vaegan.steps):"
              + " both are trained with DP-SGD, one patient per example; '"
              + settings.generator()
              + "' is not (the sequence WGAN and its copula read the data without noise)");
    }
    if (!DP_GENERATORS.contains(generator)) {
      throw InvalidInputException.inParameter(
          "generator",
          "DP training (dp.epsilon / dp.noiseMultiplier) needs -Dsynthetic.generator=copula,"
              + " argn, ctgan, dp-vaegan or auto: the Gaussian copula (which auto fits under DP) is"
              + " fitted through Gaussian mechanisms, the autoregressive generator is trained with"
              + " DP-SGD, the CTGAN's discriminator and dp-vaegan's three stages too; '"
              + settings.generator()
              + "' is not (the basic GAN and the timeline GAN read the data without noise)");
    }
  }

  static Candidate fit(
      TrainSettings settings, DpSettings dp, Table train, TrainingListener listener) {
    Map<String, String> options = settings.options();
    ArgnEncoding encoding =
        ArgnEncodingFitter.fitPublic(
            train.schema(),
            dp.bounds(),
            DpSettings.BOUNDS_PREFIX,
            ArgnFitting.positive(options, ArgnFitting.BINS, ArgnEncodingFitter.DEFAULT_BINS),
            ArgnFitting.positive(
                options, ArgnFitting.SUB_BINS, ArgnEncodingFitter.DEFAULT_SUB_BINS));
    int rows = train.rowCount();
    ArgnSettings argn = ArgnFitting.settings(settings, rows);
    int batch = settings.batchSize() > 0 ? settings.batchSize() : defaultBatch(rows);
    double rate = DpPlan.samplingRate(batch, rows);
    int epochs = settings.epochs() > 0 ? settings.epochs() : DEFAULT_EPOCHS;
    DpPlan plan = DpPlan.of(dp, rows, rate, DpPlan.steps(epochs, rate));
    listener.onMessage(plan.announce("argn", "records", batch, "steps"));
    DpArgnTrainer.Result result =
        DpArgnTrainer.train(
            encoding.encode(train),
            encoding.vocabulary(),
            encoding.owners(),
            argn,
            plan.schedule(),
            plan.ledger(),
            settings.seed(),
            listener);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(
        RECORD,
        plan.finish(
            listener,
            result.steps(),
            "steps",
            result.clippedShare(),
            result.stoppedAtBudget(),
            "row",
            "public: categories and nullability from the schema, numeric bounds from the dp.bounds"
                + " options; no early stopping, no losses recorded"));
    facts.put("epochsTrained", result.trained().epochsRun());
    facts.put("numerics", DjlEngine.numerics());
    return Candidate.argn(
        train.schema(),
        new ArgnModel(encoding, result.trained().network()),
        result.trained().epochsRun(),
        facts);
  }

  /** The expected batch under DP when none is given (docs/benchmarks/dp.md). */
  static final int DEFAULT_BATCH = 32;

  /**
   * The expected batch under DP: small, for many steps. Every per-record gradient is clipped, so
   * Adam sees only directions, and at a fixed ε the number of steps mattered more than the noise
   * per step (rotterdam at ε = 3, 20 epochs: batch 32 and 746 steps beat 64 and 373, 119 and 201,
   * 256 and 94). At most the number of rows.
   */
  static int defaultBatch(int rows) {
    return Math.max(1, Math.min(DEFAULT_BATCH, rows));
  }

  /**
   * What the one-line model summary (shown by {@code synthetic:models}) adds for a DP-trained
   * candidate, e.g. {@code "; DP-SGD, epsilon = 2.98, delta = 1e-05"}; empty otherwise.
   */
  static String summaryNote(Candidate candidate) {
    return summaryNote(candidate.trainingFacts());
  }

  /** The summary note for a model whose training facts are {@code facts}. */
  static String summaryNote(Map<String, Object> facts) {
    if (!(facts.get(RECORD) instanceof Map<?, ?> record)) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "; %s, epsilon = %.3g, delta = %.3g",
        record.containsKey("mechanism") ? "DP Gaussian mechanisms" : "DP-SGD",
        ((Number) record.get("epsilon")).doubleValue(),
        ((Number) record.get("delta")).doubleValue());
  }

  /** {@code gate} with G11 when {@code candidate} was trained with DP; else unchanged. */
  static GateResult withAccounting(GateResult gate, Candidate candidate) {
    return withAccounting(gate, candidate.trainingFacts());
  }

  /** {@code gate} with G11 when {@code facts} hold a DP record; else unchanged. */
  static GateResult withAccounting(GateResult gate, Map<String, Object> facts) {
    if (!(facts.get(RECORD) instanceof Map<?, ?> record)) {
      return gate;
    }
    Object target = record.get("targetEpsilon");
    return DpAccountingCheck.with(
        gate,
        new DpAccountingCheck.Accounting(
            ((Number) record.get("epsilon")).doubleValue(),
            target instanceof Number n ? n.doubleValue() : Double.NaN,
            ((Number) record.get("delta")).doubleValue(),
            ((Number) record.get("records")).longValue(),
            // What the accountant assumed: Poisson batches, or every record in each release.
            "poisson".equals(record.get("sampling")) || NO_SAMPLING.equals(record.get("sampling")),
            false));
  }
}
