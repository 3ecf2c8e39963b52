package io.github.syntheticpatients.runtime;

import java.util.List;

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
}
