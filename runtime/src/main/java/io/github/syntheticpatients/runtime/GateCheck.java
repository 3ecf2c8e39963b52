package io.github.syntheticpatients.runtime;

/**
 * One check of the privacy gate.
 *
 * @param id the check's id ({@code G1} … {@code G12}, see docs/privacy.md)
 * @param name the metric, e.g. {@code dcrShare}
 * @param level {@code FAIL} (breaks the gate) or {@code WARN}
 * @param passed whether the value meets the rule (true for a check that was not evaluated: see {@link #evaluated()})
 * @param value the measured value
 * @param threshold the limit the value is compared with
 * @param rule the rule in words, e.g. {@code "dcrShare <= 0.55"}; it starts with {@value #NOT_EVALUATED} when the
 *     check could not be run
 * @param advice what to change when it fails
 */
public record GateCheck(
    String id, String name, String level, boolean passed, double value, double threshold, String rule, String advice) {
  /** How the rule of a check that could not be run (no holdout, no sensitive column) begins. */
  public static final String NOT_EVALUATED = "not evaluated";

  /** Whether the check was run; a check that was not run is no evidence either way. */
  public boolean evaluated() {
    return !rule.startsWith(NOT_EVALUATED);
  }

  /** {@code PASS}, {@code FAIL} (a failed FAIL-level check), {@code WARN} (a failed warning) or {@code NOT_EVALUATED}. */
  public String status() {
    if (!evaluated()) {
      return "NOT_EVALUATED";
    }
    return passed ? "PASS" : "FAIL".equals(level) ? "FAIL" : "WARN";
  }
}
