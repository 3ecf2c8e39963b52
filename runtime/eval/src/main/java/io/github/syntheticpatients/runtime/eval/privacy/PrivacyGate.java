package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * The privacy gate of docs/privacy.md §9 for tabular data without DP: checks G2–G7, G9, G10 and G12
 * (G1 is patient-level, G8 needs the population size, G11 needs DP training), plus the relative
 * fidelity check F1 (a warning). A FAIL-level check that fails fails the gate; WARN-level checks
 * only report. A check that cannot be computed (no holdout, no sensitive column) is {@linkplain
 * GateCheck#evaluated() not evaluated}: it does not count as a pass, and {@link
 * GateResult#summary()} says how many checks decided the verdict.
 */
public final class PrivacyGate {
  public static final String FAIL = "FAIL";
  public static final String WARN = "WARN";

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

  private static final String NO_HOLDOUT =
      "no holdout: pass a holdout of real rows the generator never saw";

  private static final String NO_SENSITIVE =
      "no sensitive column declared: name one (EvaluateRequest sensitiveColumn, -Dsynthetic.sensitiveColumn) to run it";

  private PrivacyGate() {}

  /**
   * Computes the privacy metrics and applies the gate.
   *
   * @param train the training rows
   * @param holdout real rows the generator never saw, or null (holdout-relative checks are then not
   *     evaluated)
   * @param synthetic the synthetic rows
   * @param sensitiveColumn column of the attribute-disclosure check, or null
   * @param settings thresholds
   * @param seed seed of the subsamples and classifiers
   */
  public static GateResult evaluate(
      Table train,
      Table holdout,
      Table synthetic,
      String sensitiveColumn,
      GateSettings settings,
      long seed) {
    List<GateCheck> checks =
        checks(
            report(train, holdout, synthetic, sensitiveColumn, settings, seed),
            hasContinuous(train),
            settings);
    return new GateResult(passed(checks), checks);
  }

  /**
   * The privacy metrics the gate checks, computed with the settings' query cap and rare-class size.
   */
  public static PrivacyReport report(
      Table train,
      Table holdout,
      Table synthetic,
      String sensitiveColumn,
      GateSettings settings,
      long seed) {
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

  /**
   * The privacy checks G2–G12 for a computed report. Every FAIL-level check is a one-sided test of
   * "S is closer to T than fresh real rows are", with its null calibrated on the real holdout
   * ({@link CalibratedTest}); the family's α ({@code familyAlpha}) is split evenly over the tests
   * run (Bonferroni), so a generator that emits fresh real rows fails the gate at most that often.
   * On large tables a check also needs a material effect.
   */
  public static List<GateCheck> checks(
      PrivacyReport r, boolean hasContinuousColumn, GateSettings s) {
    boolean leakageTest = r.hasHoldout() && r.leakageHitsTrain() != null;
    int tests = r.hasHoldout() ? 6 + (leakageTest ? 1 : 0) : 1;
    double alpha = s.get("familyAlpha") / tests;
    // a fixed seed: the same report always gets the same verdict
    Calibration c =
        new Calibration(
            (int) s.get("permutations"),
            17,
            alpha,
            String.format(
                java.util.Locale.ROOT, "one-sided, alpha %.4f = familyAlpha/%d", alpha, tests));
    List<GateCheck> checks = new ArrayList<>();
    copyChecks(r, hasContinuousColumn, s, c, checks);
    distanceChecks(r, s, c, checks);
    attackChecks(r, s, c, checks);
    disclosureChecks(r, leakageTest, s, c, checks);
    rarityChecks(r, s, c, checks);
    return checks;
  }

  /**
   * What every calibrated test of one report shares: permutations, seed, the Bonferroni-split alpha
   * and its note.
   */
  private record Calibration(int permutations, long seed, double alpha, String how) {}

  /** G2 and G3: identical rows and copies of training-unique rows. */
  private static void copyChecks(
      PrivacyReport r,
      boolean hasContinuousColumn,
      GateSettings s,
      Calibration c,
      List<GateCheck> checks) {
    if (r.hasHoldout()) {
      // G2 identical matches: share of S identical to a T row, against the share of H identical to
      // a T row
      CalibratedTest.Outcome g2 =
          CalibratedTest.meanExcess(
              identical(r.dcrSyntheticToTrain()),
              identical(r.dcrHoldoutToTrain()),
              c.alpha(),
              c.permutations(),
              c.seed());
      double margin = s.get("exactCopyMargin");
      checks.add(
          test(
              "G2",
              "exactMatchShare",
              g2,
              margin,
              c.alpha(),
              "IMS(S->T) - IMS(H->T) (holdout's own share "
                  + fmt(r.imsHoldout())
                  + "; "
                  + c.how()
                  + "; minimum effect exactCopyMargin)",
              ADVICE_MEMORISED));
      // G3 copies of training-unique rows, beyond the natural rate measured on H
      CalibratedTest.Outcome g3 =
          CalibratedTest.countExcess(
              r.trainingUniqueCopies(),
              r.syntheticRows(),
              r.holdoutTrainingUniqueCopies(),
              r.holdoutRowsCompared(),
              c.alpha());
      checks.add(
          new GateCheck(
              "G3",
              "copiedTrainingRows",
              FAIL,
              !g3.rejects(c.alpha(), 0),
              r.trainingUniqueCopies(),
              g3.critical(),
              "synthetic rows equal to a row that occurs once in T and never in H, against the holdout's own rate ("
                  + r.holdoutTrainingUniqueCopies()
                  + " of "
                  + r.holdoutRowsCompared()
                  + " holdout rows; expected "
                  + fmt(g3.nullValue())
                  + " for fresh real rows; exact binomial test, p = "
                  + fmt(g3.pValue())
                  + ", "
                  + c.how()
                  + "; at this size the test detects more than "
                  + fmt(g3.critical())
                  + " copies)",
              g3.rejects(c.alpha(), 0) ? ADVICE_MEMORISED : "",
              g3.nullValue()));
    } else {
      checks.add(notEvaluated("G2", "exactMatchShare", FAIL, NO_HOLDOUT));
      if (hasContinuousColumn) {
        // without a holdout the natural rate is unknown; with a continuous column it is close to
        // zero
        checks.add(
            new GateCheck(
                "G3",
                "copiedTrainingRows",
                FAIL,
                r.trainingUniqueCopies() == 0,
                r.trainingUniqueCopies(),
                0,
                "synthetic rows equal to a row that occurs once in T == 0 (no holdout to measure the natural rate)",
                r.trainingUniqueCopies() == 0 ? "" : ADVICE_MEMORISED));
      } else {
        checks.add(
            notEvaluated(
                "G3",
                "copiedTrainingRows",
                FAIL,
                "no holdout, and without a continuous column identical rows occur naturally: pass a holdout of real rows"
                    + " the generator never saw to measure their natural rate"));
      }
    }
  }

  /** G4 to G6: is the synthetic data closer to the training rows than fresh real rows are? */
  private static void distanceChecks(
      PrivacyReport r, GateSettings s, Calibration c, List<GateCheck> checks) {
    if (r.hasHoldout()) {
      // G4: is a synthetic row closer to T than a holdout row is? (Mann-Whitney on DCR to T; 0.5
      // for fresh rows)
      double[] sScores = negate(r.dcrSyntheticToTrain());
      double[] hScores = negate(r.dcrHoldoutToTrain());
      CalibratedTest.Outcome g4 =
          CalibratedTest.aucExcess(sScores, hScores, c.alpha(), c.permutations(), c.seed() + 1);
      checks.add(
          test(
              "G4",
              "dcrCloser",
              g4,
              s.get("dcrMinEffect"),
              c.alpha(),
              "P(DCR(s,T) < DCR(h,T)) + ties/2 for synthetic s and holdout h (DCR share, diagnostic: "
                  + fmt(r.dcrShare())
                  + "; "
                  + c.how()
                  + "; minimum effect dcrMinEffect)",
              ADVICE_CLOSE));
      double q05s = PrivacyReport.quantile(r.dcrSyntheticToTrain(), 0.05);
      double q05h = PrivacyReport.quantile(r.dcrHoldoutToTrain(), 0.05);
      double tail = s.get("dcrTailRatioMin") * q05h;
      checks.add(
          check(
              "G5",
              "dcrLowerTail",
              WARN,
              q05s >= tail,
              q05s,
              tail,
              "q05 DCR(S->T) >= dcrTailRatioMin * q05 DCR(H->T)",
              ADVICE_CLOSE));
      double nndrMin = s.get("nndrRatioMin");
      checks.add(
          check(
              "G6",
              "nndrRatio",
              WARN,
              r.nndrRatio() >= nndrMin,
              r.nndrRatio(),
              nndrMin,
              "10th smallest NNDR to T / to H >= nndrRatioMin",
              ADVICE_CLOSE));
    } else {
      checks.add(notEvaluated("G4", "dcrCloser", FAIL, NO_HOLDOUT));
      checks.add(notEvaluated("G5", "dcrLowerTail", WARN, NO_HOLDOUT));
      checks.add(notEvaluated("G6", "nndrRatio", WARN, NO_HOLDOUT));
    }
  }

  /** G7: the membership attacks, each calibrated by permutation, and the stronger one's TPR. */
  private static void attackChecks(
      PrivacyReport r, GateSettings s, Calibration c, List<GateCheck> checks) {
    if (r.hasHoldout()) {
      // G7 membership attacks: the distance attack and the density-ratio attack, each calibrated by
      // permutation
      double miaEffect = s.get("miaMinEffect");
      for (MembershipAttacks.Attack attack : List.of(r.distanceAttack(), r.densityAttack())) {
        CalibratedTest.Outcome outcome =
            CalibratedTest.aucExcess(
                attack.members(), attack.nonMembers(), c.alpha(), c.permutations(), c.seed() + 2);
        int n = attack.members().length;
        double[] ci1 = CalibratedTest.wilson(attack.tprAt1PctFpr(), n);
        double[] ci10 = CalibratedTest.wilson(attack.tprAt10PctFpr(), n);
        String name = attack.name().equals("distance") ? "miaAuc" : "domiasAuc";
        checks.add(
            test(
                "G7",
                name,
                outcome,
                miaEffect,
                c.alpha(),
                attack.name()
                    + " membership attack AUC, "
                    + n
                    + " members vs "
                    + attack.nonMembers().length
                    + " holdout rows (TPR at 1% FPR "
                    + fmt(attack.tprAt1PctFpr())
                    + " [95% CI "
                    + fmt(ci1[0])
                    + ", "
                    + fmt(ci1[1])
                    + "], at 10% FPR "
                    + fmt(attack.tprAt10PctFpr())
                    + " ["
                    + fmt(ci10[0])
                    + ", "
                    + fmt(ci10[1])
                    + "]; fresh real rows score 0.5, 0.01 and 0.10; "
                    + c.how()
                    + "; minimum effect miaMinEffect)",
                ADVICE_MIA));
      }
      // TPR at 10 % FPR: a warning when its 95 % interval lies above what fresh real rows give
      // (0.10)
      MembershipAttacks.Attack strongest =
          r.densityAttack().tprAt10PctFpr() > r.distanceAttack().tprAt10PctFpr()
              ? r.densityAttack()
              : r.distanceAttack();
      double[] ci = CalibratedTest.wilson(strongest.tprAt10PctFpr(), strongest.members().length);
      checks.add(
          check(
              "G7",
              "miaTprAt10PctFpr",
              WARN,
              !(ci[0] > 0.10),
              strongest.tprAt10PctFpr(),
              0.10,
              "the stronger attack's ("
                  + strongest.name()
                  + ") TPR at 10% FPR: its 95% interval ["
                  + fmt(ci[0])
                  + ", "
                  + fmt(ci[1])
                  + "] must reach 0.10, what fresh real rows give",
              ADVICE_MIA));
    } else {
      checks.add(notEvaluated("G7", "miaAuc", FAIL, NO_HOLDOUT));
      checks.add(notEvaluated("G7", "domiasAuc", FAIL, NO_HOLDOUT));
      checks.add(notEvaluated("G7", "miaTprAt10PctFpr", WARN, NO_HOLDOUT));
    }
  }

  /** G9: attribute disclosure of the sensitive column. */
  private static void disclosureChecks(
      PrivacyReport r, boolean leakageTest, GateSettings s, Calibration c, List<GateCheck> checks) {
    // G9 attribute disclosure
    if (r.sensitiveColumn() == null) {
      checks.add(notEvaluated("G9", "attributeLeakageExcess", FAIL, NO_SENSITIVE));
      checks.add(notEvaluated("G9", "disclosureProtection", WARN, NO_SENSITIVE));
    } else {
      if (leakageTest) {
        CalibratedTest.Outcome g9 =
            CalibratedTest.meanExcess(
                r.leakageHitsTrain(),
                r.leakageHitsHoldout(),
                c.alpha(),
                c.permutations(),
                c.seed() + 3);
        checks.add(
            test(
                "G9",
                "attributeLeakageExcess",
                g9,
                s.get("leakageExcessMax"),
                c.alpha(),
                "accuracy predicting '"
                    + r.sensitiveColumn()
                    + "' from S: on T - on H ("
                    + c.how()
                    + "; minimum effect leakageExcessMax)",
                ADVICE_DISCLOSURE));
      } else {
        String why =
            r.hasHoldout()
                ? "no column besides the sensitive one to predict it from: a table with more columns"
                : NO_HOLDOUT;
        checks.add(notEvaluated("G9", "attributeLeakageExcess", FAIL, why));
      }
      double min = s.get("disclosureProtectionMin");
      checks.add(
          check(
              "G9",
              "disclosureProtection",
              WARN,
              r.disclosureProtection() >= min,
              r.disclosureProtection(),
              min,
              "DisclosureProtection of '"
                  + r.sensitiveColumn()
                  + "' >= disclosureProtectionMin (holdout as synthetic: "
                  + fmt(r.disclosureProtectionHoldout())
                  + ")",
              ADVICE_DISCLOSURE));
    }
  }

  /** G10 and G12: rare combinations reproduced, and identifiability. */
  private static void rarityChecks(
      PrivacyReport r, GateSettings s, Calibration c, List<GateCheck> checks) {
    if (r.hasHoldout()) {
      CalibratedTest.Outcome g10 =
          CalibratedTest.meanExcess(
              r.rareHitsTrain(), r.rareHitsHoldout(), c.alpha(), c.permutations(), c.seed() + 4);
      checks.add(
          test(
              "G10",
              "rareCombinationExcess",
              g10,
              s.get("rareReproductionMargin"),
              c.alpha(),
              "reproduction rate of rare training combinations - of rare holdout combinations ("
                  + c.how()
                  + "; minimum effect rareReproductionMargin)",
              ADVICE_RARE));
      double idExcess = r.identifiability() - r.identifiabilityHoldout();
      double idMax = s.get("identifiabilityMargin");
      checks.add(
          check(
              "G12",
              "identifiabilityExcess",
              WARN,
              idExcess <= idMax,
              idExcess,
              idMax,
              "identifiability(S) - identifiability(H) <= identifiabilityMargin",
              ADVICE_CLOSE));
    } else {
      checks.add(notEvaluated("G10", "rareCombinationExcess", FAIL, NO_HOLDOUT));
      checks.add(notEvaluated("G12", "identifiabilityExcess", WARN, NO_HOLDOUT));
    }
  }

  /**
   * The fidelity check F1, reported apart from the privacy verdict (WARN level: fidelity is not
   * privacy): the Quality Report's overall score against what the holdout itself scores against the
   * training rows at this size, less {@code fidelityMargin}. Not evaluated without a holdout.
   *
   * @param quality the synthetic data's quality against the training rows
   * @param holdoutOverall the holdout's overall quality against the training rows, or NaN without
   *     holdout
   */
  public static GateCheck fidelityCheck(
      QualityReport quality, double holdoutOverall, GateSettings s) {
    return relativeFidelity(
        "fidelityOverall",
        quality.overall(),
        holdoutOverall,
        s,
        "Quality Report overall score >= the holdout's own score ("
            + fmt(holdoutOverall)
            + ") - fidelityMargin");
  }

  /** {@link #fidelityCheck} for a score computed elsewhere (e.g. the timeline quality). */
  public static GateCheck relativeFidelity(
      String name, double value, double holdoutValue, GateSettings s, String rule) {
    if (Double.isNaN(holdoutValue)) {
      return notEvaluated(
          "F1",
          name,
          WARN,
          "no holdout to say what fresh real data scores at this size: pass a holdout of real rows the"
              + " generator never saw");
    }
    double min = holdoutValue - s.get("fidelityMargin");
    return check("F1", name, WARN, !(value < min), value, min, rule, ADVICE_FIDELITY);
  }

  private static GateCheck test(
      String id,
      String name,
      CalibratedTest.Outcome o,
      double minEffect,
      double alpha,
      String rule,
      String advice) {
    boolean failed = o.rejects(alpha, minEffect);
    return new GateCheck(
        id,
        name,
        FAIL,
        !failed,
        o.observed(),
        o.limit(minEffect),
        rule
            + ", p = "
            + fmt(o.pValue())
            + "; at this size the test detects values above "
            + fmt(o.limit(minEffect)),
        failed ? advice : "",
        o.nullValue());
  }

  private static double[] identical(double[] dcr) {
    double[] hits = new double[dcr.length];
    for (int i = 0; i < dcr.length; i++) {
      hits[i] = dcr[i] <= PrivacyMetrics.IDENTICAL ? 1 : 0;
    }
    return hits;
  }

  private static double[] negate(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }

  public static boolean hasContinuous(Table table) {
    for (int c : TableColumns.learned(table.schema())) {
      if (TableColumns.column(table, c).kind().isContinuous()) {
        return true;
      }
    }
    return false;
  }

  private static GateCheck check(
      String id,
      String name,
      String level,
      boolean passed,
      double value,
      double threshold,
      String rule,
      String advice) {
    // a NaN value (not computable on this data, e.g. an empty class) passes; the report shows the
    // NaN
    boolean ok = Double.isNaN(value) || passed;
    return new GateCheck(id, name, level, ok, value, threshold, rule, ok ? "" : advice);
  }

  static GateCheck notEvaluated(String id, String name, String level, String why) {
    return new GateCheck(
        id, name, level, true, Double.NaN, Double.NaN, GateCheck.NOT_EVALUATED + ": " + why, "");
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
