package io.github.syntheticpatients.runtime.eval.privacy;

import static io.github.syntheticpatients.runtime.eval.stats.TreeValues.num;
import static io.github.syntheticpatients.runtime.eval.stats.TreeValues.sorted;

import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Empirical privacy metrics of a synthetic table S against its training table T and a same-size
 * real holdout H (see docs/privacy.md §8). They are sanity checks: none of them proves differential
 * privacy. Distances are {@link MixedDistance}. Values that need a holdout (or a sensitive column)
 * are NaN when it is absent.
 *
 * @param queryRows synthetic/real rows used as queries (seeded subsample)
 * @param referenceRows rows of T and of H searched for neighbours (equal sizes)
 * @param hasHoldout whether a holdout was given
 * @param dcrSyntheticToTrain distance of each sampled synthetic row to its closest training row
 * @param dcrSyntheticToHoldout distance of each sampled synthetic row to its closest holdout row
 * @param dcrHoldoutToTrain distance of each sampled holdout row to its closest training row (the
 *     natural baseline)
 * @param dcrShare share of synthetic rows closer to T than to H, ties counted ½ (≈ 0.5 is safe)
 * @param dcrOverfittingProtection SDMetrics DCROverfittingProtection = min(2·(1 − share strictly
 *     closer to T), 1)
 * @param nndrTrain 10th smallest nearest-neighbour distance ratio (d1 + 1e-8)/(d2 + 1e-8) of S to T
 * @param nndrHoldout the same to H
 * @param nndrRatio nndrTrain / nndrHoldout (≈ 1 is safe)
 * @param imsTrain share of synthetic rows with DCR to T ≤ 1e-6 (identical match share)
 * @param imsHoldout the same to H (natural duplicates)
 * @param copiedRows synthetic rows (all of them) equal to some training row (continuous values
 *     within 1e-6 of the training range)
 * @param holdoutRowsInTrain holdout rows equal to some training row: natural duplicates, for
 *     comparison (0 without holdout)
 * @param commonRowsProportion share of training rows that appear in S (synthcity
 *     CommonRowsProportion)
 * @param minDcrRealToSynthetic smallest distance from a sampled training row to S (Health Gym
 *     non-identicality)
 * @param miaAuc AUC of the distance membership attack (score −DCR(x, S), members from T vs
 *     non-members from H)
 * @param miaTprAtLowFpr the attack's true-positive rate at 1 % false-positive rate
 * @param sensitiveColumn the column of the attribute-disclosure check, or null
 * @param disclosureProtection SDMetrics-style DisclosureProtection of S: min(CAP / baseline, 1),
 *     GeneralizedCAP with every other column as the attacker's key
 * @param disclosureProtectionHoldout the same attack run with H in place of S (baseline)
 * @param leakageAccuracyTrain accuracy on training rows of a forest trained on S to predict the
 *     sensitive column
 * @param leakageAccuracyHoldout the same forest's accuracy on holdout rows
 * @param rareReproductionTrain share of rows in rare (count &lt; k) binned combinations of T whose
 *     combination occurs in S
 * @param rareReproductionHoldout the same for rare combinations of H
 * @param rareHoldoutRows rows in rare combinations of H (for the standard error)
 * @param identifiability share of training rows closer to S than to any other training row
 * @param identifiabilityHoldout the same with H in place of S (≈ the natural rate)
 * @param trainingUniqueCopies synthetic rows equal to a row that occurs once in T and nowhere in H
 *     (G3)
 * @param holdoutTrainingUniqueCopies the natural rate's count: rows of H equal to a row that occurs
 *     once in T and nowhere else in H (0 without holdout)
 * @param holdoutRowsCompared rows of H that count was taken over (0 without holdout)
 * @param syntheticRows all synthetic rows (the G3 count is over all of them)
 * @param distanceAttack the GAN-Leaks membership attack, or null without holdout
 * @param densityAttack the DOMIAS-style membership attack, or null without holdout
 * @param leakageHitsTrain per training query row, 1 when the attribute attack guessed its sensitive
 *     value; or null
 * @param leakageHitsHoldout the same for holdout rows; or null
 * @param rareHitsTrain per row of T in a rare combination, 1 when S reproduces the combination; or
 *     null
 * @param rareHitsHoldout the same for H; or null
 */
public record PrivacyReport(
    int queryRows,
    int referenceRows,
    boolean hasHoldout,
    double[] dcrSyntheticToTrain,
    double[] dcrSyntheticToHoldout,
    double[] dcrHoldoutToTrain,
    double dcrShare,
    double dcrOverfittingProtection,
    double nndrTrain,
    double nndrHoldout,
    double nndrRatio,
    double imsTrain,
    double imsHoldout,
    int copiedRows,
    int holdoutRowsInTrain,
    double commonRowsProportion,
    double minDcrRealToSynthetic,
    double miaAuc,
    double miaTprAtLowFpr,
    String sensitiveColumn,
    double disclosureProtection,
    double disclosureProtectionHoldout,
    double leakageAccuracyTrain,
    double leakageAccuracyHoldout,
    double rareReproductionTrain,
    double rareReproductionHoldout,
    int rareHoldoutRows,
    double identifiability,
    double identifiabilityHoldout,
    int trainingUniqueCopies,
    int holdoutTrainingUniqueCopies,
    int holdoutRowsCompared,
    int syntheticRows,
    MembershipAttacks.Attack distanceAttack,
    MembershipAttacks.Attack densityAttack,
    double[] leakageHitsTrain,
    double[] leakageHitsHoldout,
    double[] rareHitsTrain,
    double[] rareHitsHoldout) {

  /**
   * The q-quantile (linear interpolation, as numpy's default) of the non-NaN values; NaN when none.
   */
  public static double quantile(double[] values, double q) {
    if (values == null) {
      return Double.NaN;
    }
    double[] v = java.util.Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, v.length - 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }

  /** Mean of the non-NaN values. */
  public static double mean(double[] values) {
    return values == null ? Double.NaN : QualityReport.nanMean(values);
  }

  /**
   * The membership attacks (AUC, TPR at 1 % and 10 % FPR) beside what fresh real rows give (0.5,
   * 0.01, 0.10), or null without holdout.
   */
  public Map<String, Object> attacksTree() {
    if (distanceAttack == null) {
      return null;
    }
    Map<String, Object> m = new TreeMap<>();
    for (MembershipAttacks.Attack a : List.of(distanceAttack, densityAttack)) {
      Map<String, Object> e = new TreeMap<>();
      e.put("auc", num(a.auc()));
      e.put("tprAt1PctFpr", num(a.tprAt1PctFpr()));
      e.put("tprAt10PctFpr", num(a.tprAt10PctFpr()));
      e.put("members", a.members().length);
      e.put("nonMembers", a.nonMembers().length);
      m.put(a.name(), e);
    }
    m.put(
        "freshRealExpectation",
        sorted(Map.of("auc", 0.5, "tprAt1PctFpr", 0.01, "tprAt10PctFpr", 0.10)));
    return m;
  }
}
