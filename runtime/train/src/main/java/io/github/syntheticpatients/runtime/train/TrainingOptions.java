package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.OptionStrings;
import io.github.syntheticpatients.runtime.PrivacyGateException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The generator-independent training options, read from {@link
 * io.github.syntheticpatients.runtime.TrainSettings#options()}.
 *
 * @param holdoutFraction share of rows held out for the privacy gate (default 0.2; tabular training
 *     holds out 0.3 of tables under 1,000 rows unless the option is set, see {@link
 *     #defaultHoldoutFraction})
 * @param validationFraction share of the remaining rows that chooses among snapshots (default 0.2;
 *     0 under DP training, which chooses nothing)
 * @param enforceGate whether a failed privacy gate stops the model being written ({@code
 *     privacyGate=enforce}, the default) or is only recorded in the model card ({@code
 *     privacyGate=warn})
 * @param maxVisits longitudinal data: the longest timeline learned and generated, 0 for the longest
 *     in the data
 * @param forwardFill longitudinal data: time-varying columns whose missing values take the previous
 *     visit's value ({@code all} or a comma-separated list; empty for none: missingness is
 *     modelled, not imputed)
 * @param valueProtectionK no value that fewer than this many training records hold is stored in the
 *     model (default {@link ValueProtection#DEFAULT_K}; 1 turns value protection off)
 */
record TrainingOptions(
    double holdoutFraction,
    double validationFraction,
    boolean enforceGate,
    int maxVisits,
    String forwardFill,
    int valueProtectionK) {

  static final String HOLDOUT_FRACTION = "holdoutFraction";
  static final String VALIDATION_FRACTION = "validationFraction";
  static final String PRIVACY_GATE = "privacyGate";
  static final String MAX_VISITS = "maxVisits";
  static final String FORWARD_FILL = "forwardFill";

  /**
   * A directory for the split's real training and holdout rows (tabular; not written unless set).
   */
  static final String SPLIT_DIR = "splitDir";

  /** This class's own option keys. */
  private static final Set<String> OWN =
      Set.of(
          HOLDOUT_FRACTION, VALIDATION_FRACTION, PRIVACY_GATE, MAX_VISITS, FORWARD_FILL, SPLIT_DIR);

  /**
   * Every training option, each declared by the class that reads it, accepted here so a typo
   * anywhere is caught once, before any work.
   */
  static final Set<String> KNOWN =
      Stream.of(
              OWN,
              Set.of(ValueProtection.OPTION),
              EncoderSettings.OPTIONS,
              GanFitting.OPTIONS,
              ArgnFitting.OPTIONS,
              DpSettings.OPTIONS,
              DpCopulaFitting.OPTIONS,
              LongitudinalTrainingJob.OPTIONS,
              LongitudinalArgnFitting.OPTIONS,
              DpSeriesVaeGanFitting.OPTIONS)
          .flatMap(Set::stream)
          .collect(Collectors.toUnmodifiableSet());

  /**
   * Prefix of the options that override a privacy-gate setting by name, e.g. {@code
   * gate.dcrMinEffect=0.05}.
   */
  static final String GATE_PREFIX = "gate.";

  /**
   * The privacy gate's settings: the defaults with every {@code gate.<name>} option applied.
   *
   * @throws InvalidInputException naming the option when a name is unknown or a value is not a
   *     number
   */
  static GateSettings gateSettings(Map<String, String> options) {
    Map<String, Double> overrides = new TreeMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().startsWith(GATE_PREFIX)) {
        try {
          overrides.put(
              e.getKey().substring(GATE_PREFIX.length()), Double.parseDouble(e.getValue().trim()));
        } catch (NumberFormatException ex) {
          throw InvalidInputException.inParameter(
              e.getKey(), e.getKey() + " must be a number, was '" + e.getValue() + "'");
        }
      }
    }
    return GateSettings.defaults().with(overrides);
  }

  static TrainingOptions from(Map<String, String> options) {
    OptionStrings.requireKnown(
        options, KNOWN, Set.of(GATE_PREFIX, DpSettings.BOUNDS_PREFIX), "options");
    double holdout = fraction(options, HOLDOUT_FRACTION, 0.2, 0.0, 0.5);
    // DP training selects nothing on validation rows, so by default they all train.
    double validation =
        fraction(options, VALIDATION_FRACTION, DpSettings.requested(options) ? 0.0 : 0.2, 0.0, 0.5);
    String gate = options.getOrDefault(PRIVACY_GATE, "enforce").toLowerCase(Locale.ROOT);
    if (!gate.equals("enforce") && !gate.equals("warn")) {
      throw InvalidInputException.inParameter(
          PRIVACY_GATE, "privacyGate must be 'enforce' or 'warn', was '" + gate + "'");
    }
    int maxVisits = 0;
    String maxVisitsText = options.get(MAX_VISITS);
    if (maxVisitsText != null) {
      try {
        maxVisits = Integer.parseInt(maxVisitsText.trim());
      } catch (NumberFormatException e) {
        maxVisits = -1;
      }
      if (maxVisits < 1) {
        throw InvalidInputException.inParameter(
            MAX_VISITS,
            "maxVisits must be a whole number of 1 or more, e.g. 48, was '" + maxVisitsText + "'");
      }
    }
    String forwardFill = options.getOrDefault(FORWARD_FILL, "").trim();
    return new TrainingOptions(
        holdout,
        validation,
        gate.equals("enforce"),
        maxVisits,
        forwardFill,
        ValueProtection.fromOptions(options));
  }

  /**
   * The privacy holdout's share of a table when the user did not set {@code holdoutFraction}: 0.2,
   * or 0.3 below {@value #SMALL_TABLE_ROWS} rows. The gate's tests are calibrated at any size, so a
   * small holdout does not refuse sound models; it only leaves them blind (a 150-row table kept 30
   * holdout rows, where the DCR test can only see an AUC above about 0.75). The larger share costs
   * the generator a tenth of the rows and buys the tests half as many rows again.
   */
  static double defaultHoldoutFraction(int rows) {
    return rows < SMALL_TABLE_ROWS ? 0.3 : 0.2;
  }

  /** Below this many rows a table holds out {@code 0.3} by default. */
  static final int SMALL_TABLE_ROWS = 1000;

  /**
   * Why {@code auto} trains no network (argn) on a table of {@code rows} rows, or empty when it
   * does. Below {@value #SMALL_TABLE_ROWS} rows it never does: the validation part (under 200 rows)
   * is too small for the CTGAN to win the comparison (on pbc's 59 validation rows it would have to
   * lead by 0.10 in tree-detection AUC), and in every benchmark run {@code auto} kept the copula,
   * so the CTGAN's 3,000 steps (28 s on an idle 2-core machine, 2 to 11 minutes on a busy one)
   * bought nothing. Decided by the data size, never by the clock: the same data and seed give the
   * same model on any machine. {@code generator=ctgan} still trains one.
   */
  static Optional<String> autoSkipsGan(int rows) {
    if (rows >= SMALL_TABLE_ROWS) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%d rows are fewer than the %,d a network needs to beat the copula measurably on the"
                + " validation rows; -Dsynthetic.generator=argn or ctgan trains one anyway",
            rows,
            SMALL_TABLE_ROWS));
  }

  /**
   * The holdout share for a table of {@code rows} rows: the option when given, else the
   * size-dependent default.
   */
  static double holdoutFraction(Map<String, String> options, double given, int rows) {
    return options.containsKey(HOLDOUT_FRACTION) ? given : defaultHoldoutFraction(rows);
  }

  private static double fraction(
      Map<String, String> options, String key, double fallback, double min, double max) {
    String text = options.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text);
      if (value < min || value > max) {
        throw InvalidInputException.inParameter(
            key, key + " must lie in [" + min + ", " + max + "], was " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw InvalidInputException.inParameter(key, key + " must be a number, was '" + text + "'");
    }
  }

  /**
   * Applies the privacy gate's verdict: a failure stops training ({@code privacyGate=enforce},
   * nothing is written) or is reported and kept for the model card ({@code privacyGate=warn}).
   *
   * @param detail a sentence after the failed checks (which candidate was refused, which others
   *     were tried), or empty
   * @throws PrivacyGateException when the gate failed and is enforced
   */
  void enforce(GateResult gate, String detail, TrainingListener listener) {
    if (gate.passed()) {
      return;
    }
    String message =
        PrivacyGateException.describe("The trained model", gate)
            + (detail.isEmpty() ? "" : System.lineSeparator() + detail);
    if (enforceGate) {
      throw new PrivacyGateException(
          message
              + System.lineSeparator()
              + "No model was written. To keep it anyway, train with the option "
              + PRIVACY_GATE
              + "=warn (the model card then records the failure).",
          gate);
    }
    listener.onMessage(message + " Kept because privacyGate=warn; the model card records it.");
  }
}
