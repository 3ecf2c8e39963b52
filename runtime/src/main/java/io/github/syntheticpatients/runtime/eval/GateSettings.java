package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every threshold of the privacy gate, by name, with the defaults of docs/privacy.md §9. Override any of them by
 * name, e.g. {@code GateSettings.defaults().with(Map.of("dcrShareMax", 0.6))}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>used by</th></tr>
 *   <tr><td>z</td><td>2.326</td><td>one-sided 99 % margins of G2, G4, G10</td></tr>
 *   <tr><td>maxQueryRows</td><td>2000</td><td>rows sampled as queries (all checks)</td></tr>
 *   <tr><td>rareK</td><td>5</td><td>G10: a combination seen fewer than k times is rare</td></tr>
 *   <tr><td>exactCopyMargin</td><td>0.005</td><td>G2: IMS_T ≤ IMS_H + max(margin, z·se)</td></tr>
 *   <tr><td>exactCopyMaxNoHoldout</td><td>0.01</td><td>G2 without holdout: IMS_T ≤ this</td></tr>
 *   <tr><td>copiedRowsMax</td><td>0</td><td>G3: synthetic rows identical to a training row</td></tr>
 *   <tr><td>copiedTimelinesMax</td><td>0</td><td>G1 (longitudinal data): synthetic patients whose whole timeline is
 *       identical to a training patient's</td></tr>
 *   <tr><td>dcrShareMax</td><td>0.55</td><td>G4: hard cap of the DCR share</td></tr>
 *   <tr><td>patientDcrShareMax</td><td>1</td><td>G4 on patient summaries (longitudinal data): hard cap of the
 *       patient-level DCR share; 1 leaves only the statistical limit 0.5 + z·0.5/√n, because with patients counted in
 *       hundreds the 0.55 cap sits within one standard error of 0.5 and fails fresh real patients</td></tr>
 *   <tr><td>dcrTailRatioMin</td><td>0.8</td><td>G5: q05 DCR(S→T) ≥ ratio · q05 DCR(H→T)</td></tr>
 *   <tr><td>nndrRatioMin</td><td>0.8</td><td>G6</td></tr>
 *   <tr><td>miaAucMax</td><td>0.60</td><td>G7 (FAIL)</td></tr>
 *   <tr><td>miaAucWarn</td><td>0.55</td><td>G7 (WARN)</td></tr>
 *   <tr><td>miaTprMax</td><td>0.03</td><td>G7: TPR at 1 % FPR ≤ max(this, 0.01 + z·se); WARN below 500 rows</td></tr>
 *   <tr><td>leakageExcessMax</td><td>0.05</td><td>G9: leakage accuracy on T − on H ≤ max(this, z·se)</td></tr>
 *   <tr><td>disclosureProtectionMin</td><td>0.8</td><td>G9 (WARN)</td></tr>
 *   <tr><td>rareReproductionMargin</td><td>0.02</td><td>G10: rate(T) − rate(H) ≤ max(margin, z·se)</td></tr>
 *   <tr><td>identifiabilityMargin</td><td>0.05</td><td>G12: score(S) − score(H)</td></tr>
 *   <tr><td>fidelityOverallMin</td><td>0.85</td><td>F1: overall quality score (0 disables); a fresh real
 *       sample scores about 0.9–0.95, independent column sampling about 0.85–0.9, uniform noise about 0.8</td></tr>
 *   <tr><td>timelineOverallMin</td><td>0.75</td><td>F1 for longitudinal data: the timeline quality's overall score
 *       (0 disables); a fresh real sample scores 0.92–0.95 on pbcseq (156 vs 156 patients) and 0.83–0.89 on cgd
 *       (64 vs 32–64 patients), the independent-visits baseline 0.86–0.88 on pbcseq</td></tr>
 * </table>
 */
public final class GateSettings {
  private static final Map<String, Double> DEFAULTS = defaultValues();

  private final Map<String, Double> values;

  private GateSettings(Map<String, Double> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The defaults of docs/privacy.md §9. */
  public static GateSettings defaults() {
    return new GateSettings(DEFAULTS);
  }

  /**
   * A copy with some settings overridden.
   *
   * @throws InvalidInputException naming the setting when a name is unknown or a value is not a finite number
   */
  public GateSettings with(Map<String, Double> overrides) {
    Map<String, Double> merged = new TreeMap<>(values);
    for (Map.Entry<String, Double> e : new TreeMap<>(overrides).entrySet()) {
      if (!DEFAULTS.containsKey(e.getKey())) {
        throw InvalidInputException.inParameter(
            "thresholds." + e.getKey(),
            "Unknown privacy-gate threshold '" + e.getKey() + "'; use one of " + DEFAULTS.keySet());
      }
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw InvalidInputException.inParameter(
            "thresholds." + e.getKey(), "Threshold '" + e.getKey() + "' must be a finite number, was " + e.getValue());
      }
      merged.put(e.getKey(), e.getValue());
    }
    return new GateSettings(merged);
  }

  /** The value of a setting. */
  public double get(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("No gate setting '" + name + "'");
    }
    return v;
  }

  /** Every setting, sorted by name. */
  public Map<String, Double> asMap() {
    return values;
  }

  private static Map<String, Double> defaultValues() {
    Map<String, Double> d = new LinkedHashMap<>();
    d.put("z", 2.326);
    d.put("maxQueryRows", (double) PrivacyMetrics.DEFAULT_QUERY_ROWS);
    d.put("rareK", (double) PrivacyMetrics.DEFAULT_RARE_K);
    d.put("exactCopyMargin", 0.005);
    d.put("exactCopyMaxNoHoldout", 0.01);
    d.put("copiedRowsMax", 0.0);
    d.put("copiedTimelinesMax", 0.0);
    d.put("dcrShareMax", 0.55);
    d.put("patientDcrShareMax", 1.0);
    d.put("dcrTailRatioMin", 0.8);
    d.put("nndrRatioMin", 0.8);
    d.put("miaAucMax", 0.60);
    d.put("miaAucWarn", 0.55);
    d.put("miaTprMax", 0.03);
    d.put("leakageExcessMax", 0.05);
    d.put("disclosureProtectionMin", 0.8);
    d.put("rareReproductionMargin", 0.02);
    d.put("identifiabilityMargin", 0.05);
    d.put("fidelityOverallMin", 0.85);
    d.put("timelineOverallMin", 0.75);
    return Collections.unmodifiableMap(d);
  }
}
