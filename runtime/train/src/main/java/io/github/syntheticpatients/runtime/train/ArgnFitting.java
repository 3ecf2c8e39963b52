package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.argn.ArgnSettings;
import io.github.syntheticpatients.runtime.argn.ArgnTrainer;
import io.github.syntheticpatients.runtime.argn.MarginalCalibration;
import io.github.syntheticpatients.runtime.argn.TrainedArgn;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.fit.argn.ArgnEncodingFitter;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Fits the autoregressive generator ({@code argn}): the sub-column encoding from value-protected
 * numbers, then the chain of heads with early stopping on the validation part's loss.
 */
final class ArgnFitting {
  /** Option: {@code any} (random column order per batch, the default) or {@code fixed}. */
  static final String ORDER = "argnOrder";

  /** Option: value bins per numeric column. */
  static final String BINS = "argnBins";

  /** Option: shares of a bin a value's position is learned at. */
  static final String SUB_BINS = "argnSubBins";

  /** Option: hidden units per head. */
  static final String HIDDEN = "argnHidden";

  /** Option: Adam's learning rate. */
  static final String LEARNING_RATE = "argnLearningRate";

  /** Option: Adam's L2 weight decay. */
  static final String WEIGHT_DECAY = "argnWeightDecay";

  /**
   * Option: the per-step decay of the moving average of the weights that is validated and kept, in
   * [0, 1) (0: the weights themselves).
   */
  static final String AVERAGE = "argnAverage";

  /**
   * Option: rounds of matching the chain's marginals of bins and categories to the training rows'
   * ({@link MarginalCalibration}; 0 turns it off).
   */
  static final String CALIBRATE = "argnCalibrate";

  /** The default rounds of {@link #CALIBRATE}. */
  static final int DEFAULT_CALIBRATION_ROUNDS = 4;

  /** Mixed into the training seed for the calibration's sampling streams. */
  private static final long CALIBRATION_SALT = 0x63616c6962L;

  /** The option keys this class reads. */
  static final Set<String> OPTIONS =
      Set.of(
          ORDER,
          BINS,
          SUB_BINS,
          HIDDEN,
          LEARNING_RATE,
          WEIGHT_DECAY,
          AVERAGE,
          CALIBRATE,
          CopulaPrior.FRESH,
          CopulaPrior.SCALE);

  private ArgnFitting() {}

  static Candidate fit(
      TrainSettings settings,
      int valueProtectionK,
      Table train,
      Table validation,
      TrainingListener listener) {
    DpSettings dp = DpSettings.fromOptions(settings.options());
    if (dp != null) {
      if (settings.options().containsKey(CopulaPrior.SCALE)) {
        // The copula sees the rows without noise: its rows would void the privacy guarantee.
        throw InvalidInputException.inParameter(
            CopulaPrior.SCALE,
            CopulaPrior.SCALE
                + " cannot be combined with differential privacy: the copula is fitted without"
                + " noise; remove "
                + CopulaPrior.SCALE);
      }
      if (settings.options().containsKey(CALIBRATE)) {
        // Matching the training rows' marginals reads them without noise.
        throw InvalidInputException.inParameter(
            CALIBRATE,
            CALIBRATE
                + " cannot be combined with differential privacy: the calibration counts the"
                + " training rows' bins and categories without noise, so DP training never"
                + " calibrates; remove "
                + CALIBRATE);
      }
      return DpArgnFitting.fit(settings, dp, train, listener);
    }
    Map<String, String> options = settings.options();
    int rounds = rounds(options);
    ArgnEncoding encoding =
        ArgnEncodingFitter.fit(
            train,
            valueProtectionK,
            positive(options, BINS, ArgnEncodingFitter.DEFAULT_BINS),
            positive(options, SUB_BINS, ArgnEncodingFitter.DEFAULT_SUB_BINS));
    double scale =
        options.containsKey(CopulaPrior.SCALE)
            ? number(options, CopulaPrior.SCALE, true)
            : CopulaPrior.DEFAULT_SCALE;
    if (scale > CopulaPrior.MAX_SCALE) {
      throw InvalidInputException.inParameter(
          CopulaPrior.SCALE,
          String.format(
              Locale.ROOT,
              "%s must be at most %.0f copula rows per missing real row, was %s",
              CopulaPrior.SCALE,
              CopulaPrior.MAX_SCALE,
              options.get(CopulaPrior.SCALE)));
    }
    int priorRows = CopulaPrior.rowsFor(train.rowCount(), scale);
    int[] codes = encoding.encode(train);
    boolean fresh = flag(options, CopulaPrior.FRESH, true);
    IntFunction<int[]> prior = null;
    if (priorRows > 0) {
      GaussianCopula copula = GaussianCopulaFitter.fit(train, valueProtectionK);
      int[] once = encoding.encode(CopulaPrior.sample(copula, priorRows, settings.seed(), 0));
      prior =
          fresh
              ? epoch ->
                  epoch == 0
                      ? once
                      : encoding.encode(
                          CopulaPrior.sample(copula, priorRows, settings.seed(), epoch))
              : epoch -> once;
      listener.onMessage(
          String.format(
              Locale.ROOT,
              "argn: %d real training rows and %d rows of a Gaussian copula fitted on them"
                  + " (%s=%s)",
              train.rowCount(),
              priorRows,
              CopulaPrior.SCALE,
              scale));
    }
    ArgnSettings argn = settings(settings, train.rowCount() + priorRows);
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "Encoded %d columns into %d sub-columns for argn; training up to %d epochs, batch %d,"
                + " %s column order",
            encoding.columns().size(),
            encoding.width(),
            argn.maxEpochs(),
            argn.batchSize(),
            argn.anyOrder() ? "random" : "fixed"));
    int[] validationCodes = encoding.encode(validation);
    TrainedArgn trained =
        ArgnTrainer.train(
            codes,
            prior,
            validationCodes,
            encoding.vocabulary(),
            encoding.owners(),
            argn,
            settings.seed(),
            listener);
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "argn: kept epoch %d of %d (validation loss %s nats per row)",
            trained.bestEpoch(),
            trained.epochsRun(),
            trained.validationLosses().length == 0
                ? "n/a"
                : String.format(
                    Locale.ROOT, "%.4f", trained.validationLosses()[trained.bestEpoch() - 1])));
    MarginalCalibration.Calibrated calibrated =
        MarginalCalibration.calibrate(
            trained.network(),
            codes,
            validationCodes,
            valueHeads(encoding),
            rounds,
            settings.seed() ^ CALIBRATION_SALT);
    if (rounds > 0) {
      listener.onMessage(
          String.format(
              Locale.ROOT,
              "argn: kept calibration round %d of %d (0: the network as trained)",
              calibrated.round(),
              rounds));
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("epochsTrained", trained.epochsRun());
    facts.put("selectedEpoch", trained.bestEpoch());
    facts.put("argnSettings", describe(argn));
    facts.put("copulaPriorRows", priorRows);
    facts.put("calibrationRounds", rounds);
    facts.put("calibrationRoundKept", calibrated.round());
    facts.put("trainLosses", toList(trained.trainLosses()));
    facts.put("validationLosses", toList(trained.validationLosses()));
    facts.put("numerics", DjlEngine.numerics());
    Candidate candidate =
        Candidate.argn(
            train.schema(),
            new ArgnModel(encoding, calibrated.network()),
            trained.bestEpoch(),
            facts);
    if (validation.rowCount() > 0) {
      candidate.score(validation, settings.seed());
      listener.onMessage(
          String.format(Locale.ROOT, "argn: validation quality %.4f", candidate.validationScore()));
    }
    return candidate;
  }

  /** The rounds of {@link #CALIBRATE}: a whole number of 0 or more. */
  static int rounds(Map<String, String> options) {
    return wholeNumber(
        options,
        CALIBRATE,
        DEFAULT_CALIBRATION_ROUNDS,
        0,
        "a whole number of rounds of 0 or more (0 turns the calibration off)");
  }

  /** The sub-columns with a symbol per value: each column's first (its bin or category). */
  static boolean[] valueHeads(ArgnEncoding encoding) {
    boolean[] heads = new boolean[encoding.width()];
    for (int c = 0; c < encoding.columns().size(); c++) {
      if (encoding.columns().get(c).subColumns() > 0) {
        heads[encoding.firstSubColumn(c)] = true;
      }
    }
    return heads;
  }

  static ArgnSettings settings(TrainSettings settings, int rows) {
    ArgnSettings argn = ArgnSettings.forData(rows);
    if (settings.epochs() > 0) {
      argn = argn.withMaxEpochs(settings.epochs());
    }
    if (settings.batchSize() > 0) {
      argn = argn.withBatchSize(settings.batchSize());
    }
    Map<String, String> options = settings.options();
    if (options.containsKey(HIDDEN)) {
      argn = argn.withHidden(positive(options, HIDDEN, argn.hidden()));
    }
    if (options.containsKey(LEARNING_RATE)) {
      argn = argn.withLearningRate(number(options, LEARNING_RATE, false));
    }
    if (options.containsKey(WEIGHT_DECAY)) {
      argn = argn.withWeightDecay(number(options, WEIGHT_DECAY, true));
    }
    if (options.containsKey(AVERAGE)) {
      double decay = number(options, AVERAGE, true);
      if (decay >= 1) {
        throw InvalidInputException.inParameter(
            AVERAGE,
            AVERAGE
                + " must be at least 0 and below 1, such as 0.99, was '"
                + options.get(AVERAGE)
                + "'");
      }
      argn = argn.withAverageDecay(decay);
    }
    String order = options.getOrDefault(ORDER, "any").trim().toLowerCase(Locale.ROOT);
    return switch (order) {
      case "any" -> argn.withAnyOrder(true);
      case "fixed" -> argn.withAnyOrder(false);
      default ->
          throw InvalidInputException.inParameter(
              ORDER,
              "argnOrder must be 'any' (random column order in training, conditions without"
                  + " rejection) or 'fixed' (the schema's order), was '"
                  + order
                  + "'");
    };
  }

  static int positive(Map<String, String> options, String key, int fallback) {
    return wholeNumber(options, key, fallback, 1, "a positive whole number");
  }

  /**
   * The option {@code key} as a whole number of at least {@code min}; {@code fallback} when unset.
   * A bad value is refused naming the key, with {@code rule} saying what it must be.
   */
  private static int wholeNumber(
      Map<String, String> options, String key, int fallback, int min, String rule) {
    String text = options.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw InvalidInputException.inParameter(
          key, key + " must be " + rule + ", was '" + text + "'");
    }
  }

  /** {@code true} or {@code false}; {@code fallback} when the option is not set. */
  private static boolean flag(Map<String, String> options, String key, boolean fallback) {
    String text = options.getOrDefault(key, String.valueOf(fallback)).trim();
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw InvalidInputException.inParameter(
              key, key + " must be true or false, was '" + text + "'");
    };
  }

  /** A finite number above 0 (or at least 0 where {@code zeroAllowed}). */
  private static double number(Map<String, String> options, String key, boolean zeroAllowed) {
    String text = options.get(key);
    try {
      double value = Double.parseDouble(text.trim());
      if (!Double.isFinite(value) || value < 0 || (value == 0 && !zeroAllowed)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw InvalidInputException.inParameter(
          key,
          key
              + " must be a number "
              + (zeroAllowed ? "of 0 or more" : "above 0")
              + ", such as 0.001, was '"
              + text
              + "'");
    }
  }

  private static Map<String, Object> describe(ArgnSettings argn) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("maxEpochs", argn.maxEpochs());
    block.put("patience", argn.patience());
    block.put("batchSize", argn.batchSize());
    block.put("learningRate", argn.learningRate());
    block.put("weightDecay", argn.weightDecay());
    block.put("hidden", argn.hidden());
    block.put("maxDims", argn.maxDims());
    block.put("order", argn.anyOrder() ? "any" : "fixed");
    block.put("averageDecay", argn.averageDecay());
    return block;
  }

  private static List<Object> toList(double[] values) {
    List<Object> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(Double.isFinite(v) ? v : String.valueOf(v));
    }
    return list;
  }
}
