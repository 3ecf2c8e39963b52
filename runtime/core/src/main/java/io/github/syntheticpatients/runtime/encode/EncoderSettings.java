package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link TableEncoder} turns continuous columns into generator inputs.
 *
 * @param numericEncoding how continuous values are scaled
 * @param maxModes the most Gaussian components a {@link NumericEncoding#GMM} column may use
 * @param modeWeightThreshold components whose mixture weight ends below this are pruned
 * @param clipToObservedRange whether decoded values are clipped to the protected range seen when
 *     fitting
 * @param valueProtectionK value protection: continuous columns are fitted on their {@link
 *     ProtectedValues}, so no stored range or mixture holds a value fewer than k records share (1
 *     turns it off)
 */
public record EncoderSettings(
    NumericEncoding numericEncoding,
    int maxModes,
    double modeWeightThreshold,
    boolean clipToObservedRange,
    int valueProtectionK) {

  /** Option name of {@link #numericEncoding()}. */
  public static final String NUMERIC_ENCODING = "numericEncoding";

  /** Option name of {@link #maxModes()}. */
  public static final String MAX_MODES = "maxModes";

  /** Option name of {@link #modeWeightThreshold()}. */
  public static final String MODE_WEIGHT_THRESHOLD = "modeWeightThreshold";

  /** Option name of {@link #clipToObservedRange()}. */
  public static final String CLIP_TO_OBSERVED_RANGE = "clipToObservedRange";

  /** The option keys {@link #fromOptions} reads. */
  public static final Set<String> OPTIONS =
      Set.of(NUMERIC_ENCODING, MAX_MODES, MODE_WEIGHT_THRESHOLD, CLIP_TO_OBSERVED_RANGE);

  /** How continuous values are scaled. */
  public enum NumericEncoding {
    /**
     * CTGAN's mode-specific normalisation: a Gaussian mixture mode (one-hot) plus the value within
     * it.
     */
    GMM,
    /** Min-max scaling to [-1, 1], as the simple GAN does. */
    MINMAX,
    /** A Box-Cox transform, then min-max scaling to [-1, 1], as Health Gym does. */
    BOXCOX,
    /**
     * CopulaGAN's normal scores: the empirical distribution function, then the normal quantile
     * ({@link NormalScoreScaler}).
     */
    NORMAL,
    /**
     * The autoregressive generator's encoding: value-protected quantile bins as a one-hot that the
     * conditional vector can fix, plus the position inside the bin ({@link BinnedCodec}).
     */
    BINS
  }

  public EncoderSettings {
    Objects.requireNonNull(numericEncoding, NUMERIC_ENCODING);
    if (maxModes < 1) {
      throw InvalidInputException.inParameter(
          MAX_MODES, "maxModes must be 1 or more, was " + maxModes);
    }
    if (!(modeWeightThreshold >= 0 && modeWeightThreshold < 1)) {
      throw InvalidInputException.inParameter(
          MODE_WEIGHT_THRESHOLD,
          "modeWeightThreshold must be in [0, 1), e.g. 0.005, was " + modeWeightThreshold);
    }
    ValueProtection.checkK(valueProtectionK, ValueProtection.OPTION);
  }

  /** Settings with the default value protection ({@link ValueProtection#DEFAULT_K}). */
  public EncoderSettings(
      NumericEncoding numericEncoding,
      int maxModes,
      double modeWeightThreshold,
      boolean clipToObservedRange) {
    this(
        numericEncoding,
        maxModes,
        modeWeightThreshold,
        clipToObservedRange,
        ValueProtection.DEFAULT_K);
  }

  /**
   * GMM with at most 10 modes, pruning below weight 0.005, clipping to the protected range, the
   * default k.
   */
  public static EncoderSettings defaults() {
    return new EncoderSettings(NumericEncoding.GMM, 10, 0.005, true);
  }

  /** The defaults with another numeric encoding. */
  public EncoderSettings withNumericEncoding(NumericEncoding value) {
    return new EncoderSettings(
        value, maxModes, modeWeightThreshold, clipToObservedRange, valueProtectionK);
  }

  /** These settings with another value protection k. */
  public EncoderSettings withValueProtectionK(int value) {
    return new EncoderSettings(
        numericEncoding, maxModes, modeWeightThreshold, clipToObservedRange, value);
  }

  /**
   * Settings from generator options such as {@code numericEncoding=minmax}. Options this class does
   * not know are ignored, since the same map carries other generators' options; missing ones keep
   * their defaults.
   *
   * @throws InvalidInputException naming the option when a value cannot be read
   */
  public static EncoderSettings fromOptions(Map<String, String> options) {
    EncoderSettings d = defaults();
    NumericEncoding encoding = d.numericEncoding;
    String encodingText = options.get(NUMERIC_ENCODING);
    if (encodingText != null) {
      try {
        encoding = NumericEncoding.valueOf(encodingText.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.inParameter(
            NUMERIC_ENCODING,
            "Unknown numericEncoding '"
                + encodingText
                + "'; use one of gmm, minmax, boxcox, normal");
      }
    }
    int modes = d.maxModes;
    String modesText = options.get(MAX_MODES);
    if (modesText != null) {
      try {
        modes = Integer.parseInt(modesText.trim());
      } catch (NumberFormatException e) {
        throw InvalidInputException.inParameter(
            MAX_MODES, "maxModes must be a whole number such as 10, was '" + modesText + "'");
      }
    }
    double threshold = d.modeWeightThreshold;
    String thresholdText = options.get(MODE_WEIGHT_THRESHOLD);
    if (thresholdText != null) {
      try {
        threshold = Double.parseDouble(thresholdText.trim());
      } catch (NumberFormatException e) {
        throw InvalidInputException.inParameter(
            MODE_WEIGHT_THRESHOLD,
            "modeWeightThreshold must be a number such as 0.005, was '" + thresholdText + "'");
      }
    }
    boolean clip = d.clipToObservedRange;
    String clipText = options.get(CLIP_TO_OBSERVED_RANGE);
    if (clipText != null) {
      String t = clipText.trim().toLowerCase(Locale.ROOT);
      if (!t.equals("true") && !t.equals("false")) {
        throw InvalidInputException.inParameter(
            CLIP_TO_OBSERVED_RANGE,
            "clipToObservedRange must be true or false, was '" + clipText + "'");
      }
      clip = t.equals("true");
    }
    return new EncoderSettings(
        encoding, modes, threshold, clip, ValueProtection.fromOptions(options));
  }

  /** These settings as options, the inverse of {@link #fromOptions(Map)}. */
  public Map<String, String> toOptions() {
    return Map.of(
        NUMERIC_ENCODING,
        numericEncoding.name().toLowerCase(Locale.ROOT),
        MAX_MODES,
        Integer.toString(maxModes),
        MODE_WEIGHT_THRESHOLD,
        Double.toString(modeWeightThreshold),
        CLIP_TO_OBSERVED_RANGE,
        Boolean.toString(clipToObservedRange),
        ValueProtection.OPTION,
        Integer.toString(valueProtectionK));
  }
}
