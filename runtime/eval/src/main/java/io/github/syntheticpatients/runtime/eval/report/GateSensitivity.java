package io.github.syntheticpatients.runtime.eval.report;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the gate can detect at this size (privacy.md §9, "small data has little power"): for each
 * calibrated FAIL-level check, the smallest value it refuses (its critical value or its minimum
 * effect, {@link GateCheck#threshold()}) against what fresh real data scores ({@link
 * GateCheck#nullValue()}), said in one sentence for the reports' headline. A smaller effect passes
 * unseen; more real rows make the critical values tighter.
 */
final class GateSensitivity {
  private GateSensitivity() {}

  /** The calibrated FAIL-level checks: the tests the verdict rests on. */
  static List<GateCheck> tests(GateResult gate) {
    return gate.checks().stream()
        .filter(c -> c.calibrated() && PrivacyGate.FAIL.equals(c.level()))
        .toList();
  }

  /**
   * The rows the calibrated checks compared, and their unit: patients for longitudinal data (the
   * patient-level checks decide), else holdout rows.
   */
  static String size(EvaluationReport r) {
    int queries = (int) r.settings().get("maxQueryRows");
    if (r.longitudinal() != null) {
      return sized(
          r.longitudinal().privacy().summaryReport().holdoutRowsCompared(),
          "holdout patients",
          queries);
    }
    return sized(r.privacy().holdoutRowsCompared(), "holdout rows", queries);
  }

  private static String sized(int rows, String unit, int queries) {
    // the distance checks and attacks query a seeded subsample of at most maxQueryRows
    return rows
        + " "
        + unit
        + (rows > queries ? " (distance checks on " + queries + " of them)" : "");
  }

  /** One check's limit in words, e.g. "domiasAuc above 0.672 (fresh real 0.500)". */
  static String limit(GateCheck c) {
    if (Double.isInfinite(c.threshold())) {
      return c.name() + ": no value can be refused at this size";
    }
    return String.format(
        Locale.ROOT,
        "%s above %s (fresh real %s)",
        c.name(),
        fmt(c.threshold()),
        fmt(c.nullValue()));
  }

  /**
   * The headline, e.g. "At 139 holdout rows the gate detects dcrCloser above 0.612 (fresh real
   * 0.500), …; smaller effects pass unseen." It says what input would run the checks that were not
   * evaluated.
   */
  static String headline(EvaluationReport r) {
    return headline(r.gate(), size(r));
  }

  static String headline(GateResult gate, String size) {
    List<GateCheck> tests = tests(gate);
    String text;
    if (tests.isEmpty()) {
      text =
          "No check was calibrated on fresh real data, so nothing says what this gate can detect: pass a holdout"
              + " of real rows the generator never saw.";
    } else {
      List<String> limits = new ArrayList<>();
      for (GateCheck c : tests) {
        limits.add(limit(c));
      }
      text =
          "At "
              + size
              + " the gate detects "
              + String.join(", ", limits)
              + "; smaller effects pass unseen (more real rows tighten these limits).";
    }
    List<String> skipped = new ArrayList<>();
    for (GateCheck c : gate.notEvaluated()) {
      if (PrivacyGate.FAIL.equals(c.level())) {
        skipped.add(c.id() + " " + c.name());
      }
    }
    if (!skipped.isEmpty()) {
      text +=
          " Not evaluated: "
              + String.join(", ", skipped)
              + " (the gate table says what input runs each).";
    }
    return text;
  }

  private static String fmt(double v) {
    return Math.rint(v) == v && Math.abs(v) < 1e9
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.3f", v);
  }
}
