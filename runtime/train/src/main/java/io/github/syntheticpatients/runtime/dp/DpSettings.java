package io.github.syntheticpatients.runtime.dp;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The DP-SGD training options, read from the training options map. DP is on when {@code dp.epsilon}
 * (a target: the noise multiplier is searched for the planned steps, and training stops before ε
 * would exceed it) or {@code dp.noiseMultiplier} (σ given; with {@code dp.epsilon} as well, ε is a
 * cap the ledger stops at) is set.
 *
 * @param targetEpsilon the budget, or NaN for none (σ given and ε only reported)
 * @param noiseMultiplier σ, or NaN to search it from the target
 * @param delta δ, or NaN for the default min(1e-5, n^−1.1)
 * @param maxGradNorm C, the clip norm of one record's gradient
 * @param bounds public bounds of numeric columns by column name, {@code [low, high]}
 */
public record DpSettings(
    double targetEpsilon,
    double noiseMultiplier,
    double delta,
    double maxGradNorm,
    Map<String, double[]> bounds) {
  public static final String EPSILON = "dp.epsilon";
  public static final String NOISE_MULTIPLIER = "dp.noiseMultiplier";
  public static final String DELTA = "dp.delta";
  public static final String MAX_GRAD_NORM = "dp.maxGradNorm";

  /** Prefix of a numeric column's public bounds, e.g. {@code dp.bounds.age=18:100}. */
  public static final String BOUNDS_PREFIX = "dp.bounds.";

  /** The option keys read here (besides {@link #BOUNDS_PREFIX}). */
  public static final Set<String> OPTIONS = Set.of(EPSILON, NOISE_MULTIPLIER, DELTA, MAX_GRAD_NORM);

  /** The clip norm when none is given (privacy notes §7; Opacus' and MOSTLY AI's default). */
  public static final double DEFAULT_MAX_GRAD_NORM = 1.0;

  public DpSettings {
    bounds = Collections.unmodifiableMap(new TreeMap<>(bounds));
  }

  /** Whether DP training was asked for. */
  public static boolean requested(Map<String, String> options) {
    return options.containsKey(EPSILON) || options.containsKey(NOISE_MULTIPLIER);
  }

  /**
   * The settings in {@code options}, or null when DP is off.
   *
   * @throws InvalidInputException naming the option that is malformed or out of range, or a DP
   *     option given without {@code dp.epsilon} or {@code dp.noiseMultiplier}
   */
  public static DpSettings fromOptions(Map<String, String> options) {
    if (!requested(options)) {
      for (String key : options.keySet()) {
        if (OPTIONS.contains(key) || key.startsWith(BOUNDS_PREFIX)) {
          throw InvalidInputException.inParameter(
              key,
              key
                  + " is set but DP training is off: set "
                  + EPSILON
                  + " (a target ε, e.g. 3) or "
                  + NOISE_MULTIPLIER
                  + " to train with DP-SGD, or remove "
                  + key);
        }
      }
      return null;
    }
    double epsilon = number(options, EPSILON, Double.NaN);
    if (options.containsKey(EPSILON)) {
      DpChecks.epsilon(epsilon);
      if (epsilon == 0) {
        throw InvalidInputException.inParameter(
            EPSILON, EPSILON + " must be above 0 (e.g. 1, 3 or 10), was 0");
      }
    }
    double sigma = number(options, NOISE_MULTIPLIER, Double.NaN);
    if (options.containsKey(NOISE_MULTIPLIER) && !(sigma > 0 && Double.isFinite(sigma))) {
      throw InvalidInputException.inParameter(
          NOISE_MULTIPLIER,
          NOISE_MULTIPLIER + " must be a positive number (typically 0.5 to 5), was " + sigma);
    }
    double delta = number(options, DELTA, Double.NaN);
    double clip = number(options, MAX_GRAD_NORM, DEFAULT_MAX_GRAD_NORM);
    if (!(clip > 0 && Double.isFinite(clip))) {
      throw InvalidInputException.inParameter(
          MAX_GRAD_NORM,
          MAX_GRAD_NORM
              + " must be a positive number (default 1.0), was "
              + options.get(MAX_GRAD_NORM));
    }
    Map<String, double[]> bounds = new TreeMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().startsWith(BOUNDS_PREFIX)) {
        bounds.put(e.getKey().substring(BOUNDS_PREFIX.length()), bounds(e.getKey(), e.getValue()));
      }
    }
    return new DpSettings(epsilon, sigma, delta, clip, bounds);
  }

  /**
   * δ for {@code records} training records: the option, or the default; refused when not below 1/n,
   * naming {@code dp.delta}.
   */
  public double deltaFor(long records) {
    if (Double.isNaN(delta)) {
      return DeltaRule.defaultDelta(records);
    }
    try {
      DeltaRule.check(delta, records);
    } catch (InvalidInputException e) {
      throw InvalidInputException.inParameter(DELTA, DELTA + ": " + e.getMessage());
    }
    return delta;
  }

  /**
   * The noise multiplier for {@code steps} steps at rate q on top of what {@code ledger} already
   * holds: the given σ, or the smallest σ that keeps the composed ε within the target.
   */
  public double noiseFor(PrivacyLedger ledger, double samplingRate, long steps, double delta) {
    if (!Double.isNaN(noiseMultiplier)) {
      return noiseMultiplier;
    }
    return NoiseSearch.noiseMultiplier(ledger, samplingRate, steps, delta, targetEpsilon)
        .noiseMultiplier();
  }

  private static double number(Map<String, String> options, String key, double fallback) {
    String text = options.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw InvalidInputException.inParameter(key, key + " must be a number, was '" + text + "'");
    }
  }

  /**
   * The error for a continuous column whose public bounds were not declared: the one wording of
   * that refusal for every DP fitting.
   *
   * @param boundsOption the option prefix the bounds are read under
   */
  public static InvalidInputException missingBound(ColumnSchema column, String boundsOption) {
    return InvalidInputException.inParameter(
        boundsOption + column.name(),
        "DP training needs public bounds for the "
            + column.kind().name().toLowerCase(Locale.ROOT)
            + " column '"
            + column.name()
            + "' (bounds taken from the data would leak outside the privacy budget): set the"
            + " option "
            + boundsOption
            + column.name()
            + "=low:high from a codebook or domain knowledge; values outside are clipped");
  }

  /**
   * The time column's declared bounds for DP training of timelines, refused naming the option when
   * missing.
   *
   * @param time the time column's name
   * @param use what the generator does with them, a sentence ending in a full stop
   */
  public double[] timeBounds(String time, String use) {
    double[] declared = bounds.get(time);
    if (declared == null) {
      throw InvalidInputException.inParameter(
          BOUNDS_PREFIX + time,
          "DP training of timelines needs public bounds of the time column '"
              + time
              + "' (bounds read from the data would leak outside the privacy budget): set the"
              + " option "
              + BOUNDS_PREFIX
              + time
              + "=low:high in the table's units (days or seconds since the epoch for dates and"
              + " times), e.g. the study's enrolment start and end of follow-up. "
              + use);
    }
    return declared;
  }

  private static double[] bounds(String key, String text) {
    String[] parts = text.trim().split(":");
    try {
      if (parts.length == 2) {
        double low = Double.parseDouble(parts[0].trim());
        double high = Double.parseDouble(parts[1].trim());
        if (Double.isFinite(low) && Double.isFinite(high) && low < high) {
          return new double[] {low, high};
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InvalidInputException.inParameter(
        key,
        key
            + " must be low:high, two numbers with low < high known without looking at the data"
            + " (e.g. a codebook's range, 0:120 for an age), was '"
            + text
            + "'");
  }
}
