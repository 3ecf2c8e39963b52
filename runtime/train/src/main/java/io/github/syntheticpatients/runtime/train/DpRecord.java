package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.dp.PrivacySpent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model card's DP record (provenance {@code differentialPrivacy}) for a generator trained with
 * DP-SGD: the guarantee, the accountant and the plan. G11 and the summary line read it ({@link
 * DpArgnFitting#withAccounting}, {@link DpArgnFitting#summaryNote}).
 */
final class DpRecord {
  /** The accountant every DP generator is accounted with. */
  static final String ACCOUNTANT =
      "RDP of the Poisson-subsampled Gaussian, dp_accounting orders, conservative series";

  private DpRecord() {}

  /**
   * The record of one DP-SGD plan: the guarantee spent, the plan, the steps taken, the unit of
   * privacy ({@code row} or {@code patient}) and, in {@code preprocessing}, how the encoding was
   * fitted.
   */
  static Map<String, Object> of(
      PrivacySpent spent,
      double delta,
      DpSettings dp,
      double sigma,
      double rate,
      long steps,
      long plannedSteps,
      boolean stoppedAtBudget,
      int records,
      String unit,
      String preprocessing) {
    Map<String, Object> record = guarantee(spent, delta, dp, ACCOUNTANT);
    record.put("noiseMultiplier", sigma);
    record.put("samplingRate", rate);
    record.put("sampling", "poisson");
    record.put("steps", steps);
    record.put("plannedSteps", plannedSteps);
    record.put("stoppedAtBudget", stoppedAtBudget);
    record.put("maxGradNorm", dp.maxGradNorm());
    record.put("records", records);
    record.put("unitOfPrivacy", unit);
    record.put("preprocessing", preprocessing);
    return record;
  }

  /**
   * The head every DP record starts with, in this order: ε and δ spent, the target ε ({@code
   * "none"} when σ was given), the accountant and the Rényi order of the bound; the caller adds its
   * plan after them.
   *
   * @param accountant the accountant's words, {@link #ACCOUNTANT} or it with a note
   */
  static Map<String, Object> guarantee(
      PrivacySpent spent, double delta, DpSettings dp, String accountant) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("epsilon", spent.epsilon());
    record.put("delta", delta);
    record.put("targetEpsilon", Double.isNaN(dp.targetEpsilon()) ? "none" : dp.targetEpsilon());
    record.put("accountant", accountant);
    record.put("renyiOrder", spent.order());
    return record;
  }
}
