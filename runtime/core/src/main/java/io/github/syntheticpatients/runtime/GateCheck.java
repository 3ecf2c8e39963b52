package io.github.syntheticpatients.runtime;

/**
 * One check of the privacy gate.
 *
 * @param id the check's id ({@code G1} … {@code G12}, see docs/privacy.md)
 * @param name the metric, e.g. {@code dcrShare}
 * @param level {@code FAIL} (breaks the gate) or {@code WARN}
 * @param passed whether the value meets the rule (true for a check that was not evaluated: see
 *     {@link #evaluated()})
 * @param value the measured value
 * @param threshold the limit the value is compared with
 * @param rule the rule in words, e.g. {@code "dcrShare <= 0.55"}; it starts with {@value
 *     #NOT_EVALUATED} when the check could not be run
 * @param advice what to change when it fails
 * @param nullValue for a calibrated test, what fresh real data scores under its null (0.5 for an
 *     AUC, 0 for an excess, the expected count): the centre its {@code threshold} (the smallest
 *     value it detects at this size) is read against; NaN for a check that is not a calibrated test
 */
public record GateCheck(
    String id,
    String name,
    String level,
    boolean passed,
    double value,
    double threshold,
    String rule,
    String advice,
    double nullValue) {
  /** A check that is not a calibrated test. */
  public GateCheck(
      String id,
      String name,
      String level,
      boolean passed,
      double value,
      double threshold,
      String rule,
      String advice) {
    this(id, name, level, passed, value, threshold, rule, advice, Double.NaN);
  }

  /** How the rule of a check that could not be run (no holdout, no sensitive column) begins. */
  public static final String NOT_EVALUATED = "not evaluated";

  /** Whether the check was run; a check that was not run is no evidence either way. */
  public boolean evaluated() {
    return !rule.startsWith(NOT_EVALUATED);
  }

  /**
   * Whether the check was run as a test calibrated on fresh real data: its {@code threshold} is
   * then the smallest value it can detect at this size, against {@code nullValue}.
   */
  public boolean calibrated() {
    return evaluated() && !Double.isNaN(nullValue);
  }

  /**
   * {@code PASS}, {@code FAIL} (a failed FAIL-level check), {@code WARN} (a failed warning) or
   * {@code NOT_EVALUATED}.
   */
  public String status() {
    if (!evaluated()) {
      return "NOT_EVALUATED";
    }
    return passed ? "PASS" : "FAIL".equals(level) ? "FAIL" : "WARN";
  }
}
