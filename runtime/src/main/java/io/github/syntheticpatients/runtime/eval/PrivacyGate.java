package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.data.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The privacy gate of docs/privacy.md §9 for tabular data without DP: checks G2–G7, G9, G10 and G12 (G1 is
 * patient-level, G8 needs the population size, G11 needs DP training), plus the fidelity floor F1. A FAIL-level check
 * that fails fails the gate; WARN-level checks only report. A check that cannot be computed (no holdout, no sensitive
 * column) is listed as passed with value NaN and a rule starting "not evaluated".
 */
public final class PrivacyGate {
  static final String FAIL = "FAIL";
  static final String WARN = "WARN";

  private static final String ADVICE_MEMORISED =
      "The generator reproduces training rows: train fewer epochs, use a larger training set, or enable DP once"
          + " available.";
  private static final String ADVICE_CLOSE =
      "Synthetic rows sit closer to the training rows than fresh real rows do: train fewer epochs or with more"
          + " regularisation, use a larger training set, or enable DP once available.";
  private static final String ADVICE_MIA =
      "An attacker can tell training members from non-members: train fewer epochs, use a larger training set, or"
          + " enable DP once available.";
  private static final String ADVICE_DISCLOSURE =
      "The sensitive column can be inferred for training patients better than for others: coarsen or drop"
          + " quasi-identifiers, train fewer epochs, or enable DP once available.";
  private static final String ADVICE_RARE =
      "Rare combinations of the training data reappear in the synthetic data: coarsen rare categories, use a larger"
          + " training set, or enable DP once available.";
  private static final String ADVICE_FIDELITY =
      "The synthetic data does not resemble the real data: train longer or with a larger model, and check the schema"
          + " (column kinds, categories).";

  private PrivacyGate() {}

  /**
   * Computes the privacy metrics and applies the gate.
   *
   * @param train the training rows
   * @param holdout real rows the generator never saw, or null (holdout-relative checks are then not evaluated)
   * @param synthetic the synthetic rows
   * @param sensitiveColumn column of the attribute-disclosure check, or null
   * @param settings thresholds
   * @param seed seed of the subsamples and classifiers
   */
  public static GateResult evaluate(
      Table train, Table holdout, Table synthetic, String sensitiveColumn, GateSettings settings, long seed) {
    List<GateCheck> checks =
        checks(report(train, holdout, synthetic, sensitiveColumn, settings, seed), hasContinuous(train), settings);
    return new GateResult(passed(checks), checks);
  }

  /** The privacy metrics the gate checks, computed with the settings' query cap and rare-class size. */
  static PrivacyReport report(
      Table train, Table holdout, Table synthetic, String sensitiveColumn, GateSettings settings, long seed) {
    return PrivacyMetrics.compute(
        train,
        holdout,
        synthetic,
        sensitiveColumn,
        seed,
        (int) settings.get("maxQueryRows"),
        (int) settings.get("rareK"));
  }

  /** Whether no FAIL-level check failed. */
  public static boolean passed(List<GateCheck> checks) {
    return checks.stream().noneMatch(c -> !c.passed() && FAIL.equals(c.level()));
  }

  /** The privacy checks G2–G12 for a computed report. */
  public static List<GateCheck> checks(PrivacyReport r, boolean hasContinuousColumn, GateSettings s) {
    double z = s.get("z");
    int n = r.queryRows();
    List<GateCheck> checks = new ArrayList<>();
    // G2 exact copies, row level
    if (r.hasHoldout()) {
      double se = Math.sqrt(r.imsHoldout() * (1 - r.imsHoldout()) / n);
      double limit = r.imsHoldout() + Math.max(s.get("exactCopyMargin"), z * se);
      checks.add(
          check("G2", "exactMatchShare", FAIL, r.imsTrain() <= limit, r.imsTrain(), limit,
              "IMS_T <= IMS_H + max(exactCopyMargin, z*se(IMS_H)) (IMS_H = " + fmt(r.imsHoldout()) + ")",
              ADVICE_MEMORISED));
    } else {
      double limit = s.get("exactCopyMaxNoHoldout");
      checks.add(
          check("G2", "exactMatchShare", FAIL, r.imsTrain() <= limit, r.imsTrain(), limit,
              "IMS_T <= exactCopyMaxNoHoldout (no holdout)", ADVICE_MEMORISED));
    }
    // G3 non-identicality: no synthetic row equals a training row
    if (hasContinuousColumn) {
      double limit = s.get("copiedRowsMax");
      checks.add(
          check("G3", "copiedTrainingRows", FAIL, r.copiedRows() <= limit, r.copiedRows(), limit,
              "synthetic rows identical to a training row <= copiedRowsMax (min DCR real->synthetic = "
                  + fmt(r.minDcrRealToSynthetic()) + (r.hasHoldout() ? "; holdout rows identical to a training row: "
                  + r.holdoutRowsInTrain() : "") + ")",
              ADVICE_MEMORISED));
    } else {
      checks.add(notEvaluated("G3", "copiedTrainingRows", FAIL, "no continuous column, identical rows occur naturally"));
    }
    if (r.hasHoldout()) {
      // G4 DCR share
      double limit = Math.min(0.5 + z * 0.5 / Math.sqrt(n), s.get("dcrShareMax"));
      boolean g4 = r.dcrShare() <= limit;
      checks.add(
          check("G4", "dcrShare", FAIL, g4, r.dcrShare(), limit,
              "share of synthetic rows closer to T than to H (ties 1/2) <= min(0.5 + z*0.5/sqrt(n), dcrShareMax)",
              ADVICE_CLOSE));
      // G5 DCR lower tail; FAIL when G4 is borderline (in the upper half of its allowance), since DP is off
      boolean borderline = r.dcrShare() > 0.5 + (limit - 0.5) / 2;
      double q05s = PrivacyReport.quantile(r.dcrSyntheticToTrain(), 0.05);
      double q05h = PrivacyReport.quantile(r.dcrHoldoutToTrain(), 0.05);
      double tail = s.get("dcrTailRatioMin") * q05h;
      checks.add(
          check("G5", "dcrLowerTail", borderline ? FAIL : WARN, q05s >= tail, q05s, tail,
              "q05 DCR(S->T) >= dcrTailRatioMin * q05 DCR(H->T) (FAIL level when G4 is borderline)", ADVICE_CLOSE));
      // G6 NNDR
      double nndrMin = s.get("nndrRatioMin");
      checks.add(
          check("G6", "nndrRatio", WARN, r.nndrRatio() >= nndrMin, r.nndrRatio(), nndrMin,
              "10th smallest NNDR to T / to H >= nndrRatioMin", ADVICE_CLOSE));
      // G7 distance MIA
      checks.add(
          check("G7", "miaAuc", FAIL, r.miaAuc() <= s.get("miaAucMax"), r.miaAuc(), s.get("miaAucMax"),
              "distance membership-attack AUC <= miaAucMax", ADVICE_MIA));
      checks.add(
          check("G7", "miaAucWarn", WARN, r.miaAuc() <= s.get("miaAucWarn"), r.miaAuc(), s.get("miaAucWarn"),
              "distance membership-attack AUC <= miaAucWarn", ADVICE_MIA));
      // With n non-members, 1 % FPR lets floor(n/100) of them through: below 5 the threshold is one or two
      // records and the TPR is mostly noise, so the check only warns, and the limit widens by z*se of a 1 % rate.
      double tprMax = Math.max(s.get("miaTprMax"), 0.01 + z * Math.sqrt(0.01 * 0.99 / n));
      checks.add(
          check("G7", "miaTprAt1PctFpr", n * 0.01 >= 5 ? FAIL : WARN, r.miaTprAtLowFpr() <= tprMax, r.miaTprAtLowFpr(),
              tprMax, "membership-attack TPR at 1% FPR <= max(miaTprMax, 0.01 + z*se) (WARN level below 500 rows)",
              ADVICE_MIA));
    } else {
      String why = "no holdout: pass a holdout of real rows the generator never saw";
      checks.add(notEvaluated("G4", "dcrShare", FAIL, why));
      checks.add(notEvaluated("G5", "dcrLowerTail", WARN, why));
      checks.add(notEvaluated("G6", "nndrRatio", WARN, why));
      checks.add(notEvaluated("G7", "miaAuc", FAIL, why));
      checks.add(notEvaluated("G7", "miaTprAt1PctFpr", FAIL, why));
    }
    // G9 attribute disclosure
    if (r.sensitiveColumn() == null) {
      checks.add(notEvaluated("G9", "attributeLeakageExcess", FAIL, "no sensitive column declared"));
      checks.add(notEvaluated("G9", "disclosureProtection", WARN, "no sensitive column declared"));
    } else {
      if (r.hasHoldout()) {
        double excess = r.leakageAccuracyTrain() - r.leakageAccuracyHoldout();
        double pT = r.leakageAccuracyTrain();
        double pH = r.leakageAccuracyHoldout();
        // the difference of two accuracies on n rows each has this standard error; small tables need the margin
        double se = Math.sqrt((pT * (1 - pT) + pH * (1 - pH)) / n);
        double max = Math.max(s.get("leakageExcessMax"), z * se);
        checks.add(
            check("G9", "attributeLeakageExcess", FAIL, excess <= max, excess, max,
                "accuracy predicting '" + r.sensitiveColumn() + "' from S: on T - on H <= max(leakageExcessMax, z*se)",
                ADVICE_DISCLOSURE));
      } else {
        checks.add(notEvaluated("G9", "attributeLeakageExcess", FAIL, "no holdout"));
      }
      double min = s.get("disclosureProtectionMin");
      checks.add(
          check("G9", "disclosureProtection", WARN, r.disclosureProtection() >= min, r.disclosureProtection(), min,
              "DisclosureProtection of '" + r.sensitiveColumn() + "' >= disclosureProtectionMin (holdout as synthetic: "
                  + fmt(r.disclosureProtectionHoldout()) + ")",
              ADVICE_DISCLOSURE));
    }
    if (r.hasHoldout()) {
      // G10 rare combinations
      double p = r.rareReproductionHoldout();
      double se = r.rareHoldoutRows() == 0 ? 0 : Math.sqrt(p * (1 - p) / r.rareHoldoutRows());
      double limit = Math.max(s.get("rareReproductionMargin"), z * se);
      double excess = r.rareReproductionTrain() - p;
      checks.add(
          check("G10", "rareCombinationExcess", FAIL, excess <= limit, excess, limit,
              "reproduction rate of rare training combinations - of rare holdout combinations <= max(margin, z*se)",
              ADVICE_RARE));
      // G12 identifiability
      double idExcess = r.identifiability() - r.identifiabilityHoldout();
      double idMax = s.get("identifiabilityMargin");
      checks.add(
          check("G12", "identifiabilityExcess", WARN, idExcess <= idMax, idExcess, idMax,
              "identifiability(S) - identifiability(H) <= identifiabilityMargin", ADVICE_CLOSE));
    } else {
      checks.add(notEvaluated("G10", "rareCombinationExcess", FAIL, "no holdout"));
      checks.add(notEvaluated("G12", "identifiabilityExcess", WARN, "no holdout"));
    }
    return checks;
  }

  /** The fidelity floor F1: the Quality Report's overall score must reach {@code fidelityOverallMin}. */
  public static GateCheck fidelityCheck(QualityReport quality, GateSettings s) {
    double min = s.get("fidelityOverallMin");
    double v = quality.overall();
    return check("F1", "fidelityOverall", FAIL, !(v < min), v, min,
        "Quality Report overall score >= fidelityOverallMin", ADVICE_FIDELITY);
  }

  static boolean hasContinuous(Table table) {
    for (int c : TableColumns.learned(table.schema())) {
      if (TableColumns.column(table, c).kind().isContinuous()) {
        return true;
      }
    }
    return false;
  }

  private static GateCheck check(
      String id, String name, String level, boolean passed, double value, double threshold, String rule, String advice) {
    // a NaN value (not computable on this data, e.g. an empty class) passes; the report shows the NaN
    boolean ok = Double.isNaN(value) || passed;
    return new GateCheck(id, name, level, ok, value, threshold, rule, ok ? "" : advice);
  }

  private static GateCheck notEvaluated(String id, String name, String level, String why) {
    return new GateCheck(id, name, level, true, Double.NaN, Double.NaN, "not evaluated: " + why, "");
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
