package io.github.syntheticpatients.runtime;

import java.util.List;
import java.util.Locale;

/**
 * The privacy gate's verdict.
 *
 * @param passed false when any FAIL-level check failed
 * @param checks every check, in id order
 */
public record GateResult(boolean passed, List<GateCheck> checks) {
  public GateResult {
    checks = List.copyOf(checks);
  }

  /** The FAIL-level checks that failed. */
  public List<GateCheck> failures() {
    return checks.stream().filter(c -> !c.passed() && "FAIL".equals(c.level())).toList();
  }

  /** The WARN-level checks that were run and failed: reported, but they do not break the gate. */
  public List<GateCheck> warnings() {
    return checks.stream().filter(c -> "WARN".equals(c.status())).toList();
  }

  /** The checks that could not be run. */
  public List<GateCheck> notEvaluated() {
    return checks.stream().filter(c -> !c.evaluated()).toList();
  }

  /**
   * What the verdict rests on, e.g. "passed 3 of 12 checks; 9 not evaluated (8 need a holdout)": a
   * check that was not run is not a pass, and a failed warning is named ("; 1 warning (G6
   * dcrShare)").
   */
  public String summary() {
    long evaluated = checks.stream().filter(GateCheck::evaluated).count();
    long passedChecks = checks.stream().filter(c -> c.evaluated() && c.passed()).count();
    List<GateCheck> skipped = notEvaluated();
    long needHoldout = skipped.stream().filter(c -> c.rule().contains("holdout")).count();
    String text =
        String.format(
            Locale.ROOT,
            "%s: passed %d of %d checks",
            passed ? "passed" : "FAILED",
            passedChecks,
            checks.size());
    if (evaluated < checks.size()) {
      text += "; " + skipped.size() + " not evaluated";
      if (needHoldout > 0) {
        text += " (" + needHoldout + " need a holdout)";
      }
    }
    // A failed warning does not break the gate, but "passed 9 of 12" must not leave it unexplained.
    List<GateCheck> warnings = warnings();
    if (!warnings.isEmpty()) {
      text +=
          "; "
              + warnings.size()
              + (warnings.size() == 1 ? " warning (" : " warnings (")
              + String.join(", ", warnings.stream().map(c -> c.id() + " " + c.name()).toList())
              + ")";
    }
    if (!failures().isEmpty()) {
      text +=
          "; failed "
              + String.join(", ", failures().stream().map(c -> c.id() + " " + c.name()).toList());
    }
    return text;
  }
}
