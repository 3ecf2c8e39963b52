package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a gate verdict rests on, counted for the reports' headline ({@link GateCheck#evaluated()}
 * owns what counts as evaluated): a check that was not evaluated (no holdout, no sensitive column)
 * is not a pass, so the reports say how many checks decided the verdict.
 *
 * @param checks every check listed
 * @param deciding FAIL-level checks that were evaluated: the ones the verdict rests on
 * @param warnings WARN-level checks that were evaluated (reported, never deciding)
 * @param notEvaluated checks that were not evaluated
 */
public record GateSummary(int checks, int deciding, int warnings, int notEvaluated) {
  /** Counts the checks of a verdict. */
  public static GateSummary of(GateResult gate) {
    int deciding = 0;
    int warnings = 0;
    int notEvaluated = 0;
    for (GateCheck c : gate.checks()) {
      if (!c.evaluated()) {
        notEvaluated++;
      } else if (PrivacyGate.FAIL.equals(c.level())) {
        deciding++;
      } else {
        warnings++;
      }
    }
    return new GateSummary(gate.checks().size(), deciding, warnings, notEvaluated);
  }

  /** The headline in words, e.g. "decided by 3 checks; 9 of 12 not evaluated". */
  public String headline() {
    return "decided by "
        + deciding
        + " check"
        + (deciding == 1 ? "" : "s")
        + (warnings > 0 ? " (" + warnings + " more at warning level)" : "")
        + (notEvaluated > 0 ? "; " + notEvaluated + " of " + checks + " not evaluated" : "");
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>();
    m.put("checks", checks);
    m.put("deciding", deciding);
    m.put("warnings", warnings);
    m.put("notEvaluated", notEvaluated);
    m.put("headline", headline());
    return m;
  }
}
