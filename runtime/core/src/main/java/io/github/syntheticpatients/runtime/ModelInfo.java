package io.github.syntheticpatients.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a model was made, as recorded in its file.
 *
 * @param formatVersion the model file format version
 * @param generator the generator kind ({@code ctgan}, {@code basic}, {@code copula})
 * @param summary one line for model listings
 * @param settings the training settings
 * @param provenance training data sha256, rows, seed, versions, losses; for a model trained with
 *     differential privacy, its guarantee under {@value #DIFFERENTIAL_PRIVACY}
 * @param evaluation the model card's evaluation results (empty if none)
 */
public record ModelInfo(
    int formatVersion,
    String generator,
    String summary,
    Map<String, Object> settings,
    Map<String, Object> provenance,
    Map<String, Object> evaluation) {
  public ModelInfo {
    settings = Map.copyOf(settings);
    provenance = Map.copyOf(provenance);
    evaluation = Map.copyOf(evaluation);
  }

  /** The provenance key of a DP-trained model's guarantee (ε, δ, σ, q, steps, clip norm). */
  public static final String DIFFERENTIAL_PRIVACY = "differentialPrivacy";

  /**
   * A DP-trained model's guarantee in one line, e.g. {@code "differential privacy: epsilon = 2.98,
   * delta = 1.0E-5 (DP-SGD, noise multiplier 1.12, sampling rate 0.05, 400 steps, clip norm 1.0)"},
   * ending {@code ", unit: patient)"} for a timeline model; a record that names its {@code
   * mechanism} (the DP copula's Gaussian mechanisms) shows that instead of the DP-SGD plan; empty
   * for a model trained without DP.
   */
  public Optional<String> privacyGuarantee() {
    if (!(provenance.get(DIFFERENTIAL_PRIVACY) instanceof Map<?, ?> dp)) {
      return Optional.empty();
    }
    if (dp.get("mechanism") instanceof String mechanism) {
      // Not DP-SGD: e.g. the copula's Gaussian mechanisms, described by the record itself.
      return Optional.of(
          String.format(
              Locale.ROOT,
              "differential privacy: epsilon = %.3g, delta = %s (%s)",
              number(dp.get("epsilon")),
              dp.get("delta"),
              mechanism));
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "differential privacy: epsilon = %.3g, delta = %s (DP-SGD, noise multiplier %.4g,"
                + " sampling rate %.4g, %s steps, clip norm %s%s)",
            number(dp.get("epsilon")),
            dp.get("delta"),
            number(dp.get("noiseMultiplier")),
            number(dp.get("samplingRate")),
            dp.get("steps"),
            dp.get("maxGradNorm"),
            // A timeline model's unit is the patient: one patient's whole timeline per example.
            "patient".equals(dp.get("unitOfPrivacy")) ? ", unit: patient" : ""));
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
