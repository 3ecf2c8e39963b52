package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every threshold of the privacy gate, by name, with the defaults of docs/privacy.md §9. Override
 * any of them by name, e.g. {@code GateSettings.defaults().with(Map.of("dcrMinEffect", 0.05))}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>used by</th></tr>
 *   <tr><td>familyAlpha</td><td>0.05</td><td>the most often a generator that emits fresh real rows may fail the
 *       gate: split evenly over the FAIL-level tests run (Bonferroni)</td></tr>
 *   <tr><td>permutations</td><td>1999</td><td>label permutations of each calibrated test</td></tr>
 *   <tr><td>maxQueryRows</td><td>2000</td><td>rows sampled as queries (all checks)</td></tr>
 *   <tr><td>rareK</td><td>5</td><td>G10: a combination seen fewer than k times is rare</td></tr>
 *   <tr><td>exactCopyMargin</td><td>0.005</td><td>G2: minimum excess of IMS(S→T) over IMS(H→T)</td></tr>
 *   <tr><td>copiedTimelinesMax</td><td>0</td><td>G1 (longitudinal data) without holdout: synthetic patients whose
 *       whole timeline is identical to a training patient's</td></tr>
 *   <tr><td>dcrMinEffect</td><td>0.03</td><td>G4: minimum excess of P(DCR(s,T) &lt; DCR(h,T)) over 0.5</td></tr>
 *   <tr><td>dcrTailRatioMin</td><td>0.8</td><td>G5 (WARN): q05 DCR(S→T) ≥ ratio · q05 DCR(H→T)</td></tr>
 *   <tr><td>nndrRatioMin</td><td>0.8</td><td>G6 (WARN)</td></tr>
 *   <tr><td>miaMinEffect</td><td>0.03</td><td>G7: minimum excess of a membership attack's AUC over 0.5</td></tr>
 *   <tr><td>leakageExcessMax</td><td>0.05</td><td>G9: minimum excess of the leakage accuracy on T over H</td></tr>
 *   <tr><td>disclosureProtectionMin</td><td>0.8</td><td>G9 (WARN)</td></tr>
 *   <tr><td>rareReproductionMargin</td><td>0.02</td><td>G10: minimum excess of rate(T) over rate(H)</td></tr>
 *   <tr><td>identifiabilityMargin</td><td>0.05</td><td>G12 (WARN): score(S) − score(H)</td></tr>
 *   <tr><td>fidelityMargin</td><td>0.05</td><td>F1 (WARN, not part of the privacy verdict): the overall quality (or
 *       timeline quality) may sit this far below what the holdout itself scores against the training data</td></tr>
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
   * @throws InvalidInputException naming the setting when a name is unknown or a value is not a
   *     finite number
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
            "thresholds." + e.getKey(),
            "Threshold '" + e.getKey() + "' must be a finite number, was " + e.getValue());
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
    d.put("familyAlpha", 0.05);
    d.put("permutations", 1999.0);
    d.put("maxQueryRows", (double) PrivacyMetrics.DEFAULT_QUERY_ROWS);
    d.put("rareK", (double) PrivacyMetrics.DEFAULT_RARE_K);
    d.put("exactCopyMargin", 0.005);
    d.put("copiedTimelinesMax", 0.0);
    d.put("dcrMinEffect", 0.03);
    d.put("dcrTailRatioMin", 0.8);
    d.put("nndrRatioMin", 0.8);
    d.put("miaMinEffect", 0.03);
    d.put("leakageExcessMax", 0.05);
    d.put("disclosureProtectionMin", 0.8);
    d.put("rareReproductionMargin", 0.02);
    d.put("identifiabilityMargin", 0.05);
    d.put("fidelityMargin", 0.05);
    return Collections.unmodifiableMap(d);
  }
}
