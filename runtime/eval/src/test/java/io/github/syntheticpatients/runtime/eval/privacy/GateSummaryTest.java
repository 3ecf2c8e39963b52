package io.github.syntheticpatients.runtime.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateSummaryTest {
  @Test
  void checksThatWereNotRunAreCountedApartFromThoseThatDecided() {
    GateResult gate =
        new GateResult(
            true,
            List.of(
                new GateCheck(
                    "G2", "exactMatchShareTrain", "FAIL", true, 0.0, 0.01, "ims <= 0.01", ""),
                new GateCheck("G3", "copiedRows", "FAIL", true, 0, 0, "copied rows == 0", ""),
                new GateCheck("G5", "nndrRatio", "WARN", true, 0.9, 0.8, "nndr >= 0.8", ""),
                new GateCheck(
                    "G4",
                    "dcrShare",
                    "FAIL",
                    true,
                    Double.NaN,
                    0.55,
                    "not evaluated: no holdout",
                    ""),
                new GateCheck(
                    "G9",
                    "disclosure",
                    "FAIL",
                    true,
                    Double.NaN,
                    0.5,
                    "not evaluated: no sensitive column",
                    "")));

    GateSummary summary = GateSummary.of(gate);

    assertThat(summary).isEqualTo(new GateSummary(5, 2, 1, 2));
    assertThat(summary.headline())
        .isEqualTo("decided by 2 checks (1 more at warning level); 2 of 5 not evaluated");
  }
}
