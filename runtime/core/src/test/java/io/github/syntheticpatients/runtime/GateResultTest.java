package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GateResultTest {
  private static GateCheck pass(String id) {
    return new GateCheck(id, "m" + id, "FAIL", true, 0.1, 0.5, "m <= 0.5", "");
  }

  @Test
  void summaryNamesAFailedWarningThatDidNotBreakTheGate() {
    GateCheck warning =
        new GateCheck("G6", "dcrShare", "WARN", false, 0.7, 0.6, "dcrShare <= 0.6", "");
    GateCheck skipped =
        new GateCheck("G9", "attribute", "FAIL", true, 0, 0, "not evaluated: no holdout", "");
    GateResult result = new GateResult(true, List.of(pass("G1"), pass("G2"), warning, skipped));

    assertThat(result.warnings()).containsExactly(warning);
    assertThat(result.summary())
        .isEqualTo(
            "passed: passed 2 of 4 checks; 1 not evaluated (1 need a holdout); 1 warning (G6 dcrShare)");
  }

  @Test
  void summaryWithoutWarningsSaysNothingOfThem() {
    GateResult result = new GateResult(true, List.of(pass("G1"), pass("G2")));

    assertThat(result.warnings()).isEmpty();
    assertThat(result.summary()).isEqualTo("passed: passed 2 of 2 checks");
  }

  @Test
  void aFailedFailLevelCheckIsAFailureNotAWarning() {
    GateCheck failed = new GateCheck("G3", "copies", "FAIL", false, 4, 0, "copies <= 0", "");
    GateResult result = new GateResult(false, List.of(pass("G1"), failed));

    assertThat(result.warnings()).isEmpty();
    assertThat(result.summary()).isEqualTo("FAILED: passed 1 of 2 checks; failed G3 copies");
  }
}
