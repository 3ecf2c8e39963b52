package io.github.syntheticpatients.runtime.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpAccountingCheckTest {
  private static final DpAccountingCheck.Accounting SOUND =
      new DpAccountingCheck.Accounting(2.9, 3.0, 1e-5, 1000, true, false);

  @Test
  void aSoundRunPassesAndG11GoesBetweenG10AndG12() {
    GateResult before =
        new GateResult(
            true,
            List.of(
                new GateCheck("G10", "rare", "FAIL", true, 0, 0, "r", ""),
                new GateCheck("G12", "identifiability", "WARN", false, 0.1, 0.05, "r", "")));
    GateResult after = DpAccountingCheck.with(before, SOUND);
    assertThat(after.passed()).isTrue();
    assertThat(after.checks()).extracting(GateCheck::id).containsExactly("G10", "G11", "G12");
    assertThat(after.checks().get(1).status()).isEqualTo("PASS");
    assertThat(after.checks().get(1).value()).isEqualTo(2.9);
  }

  @Test
  void eachBrokenPromiseFailsTheGate() {
    List<DpAccountingCheck.Accounting> broken =
        List.of(
            new DpAccountingCheck.Accounting(3.2, 3.0, 1e-5, 1000, true, false),
            new DpAccountingCheck.Accounting(2.9, 3.0, 1e-3, 1000, true, false),
            new DpAccountingCheck.Accounting(2.9, 3.0, 1e-5, 1000, false, false),
            new DpAccountingCheck.Accounting(2.9, 3.0, 1e-5, 1000, true, true));
    List<String> reasons =
        List.of("exceeds the target", "not below 1/1000", "Poisson", "outside the accountant");
    for (int i = 0; i < broken.size(); i++) {
      GateResult gate = DpAccountingCheck.with(new GateResult(true, List.of()), broken.get(i));
      assertThat(gate.passed()).isFalse();
      assertThat(gate.failures())
          .singleElement()
          .satisfies(c -> assertThat(c.id()).isEqualTo("G11"));
      assertThat(gate.checks().get(0).rule()).contains(reasons.get(i));
    }
    // σ given without a target: ε is reported, never compared.
    GateCheck noTarget =
        DpAccountingCheck.check(
            new DpAccountingCheck.Accounting(40, Double.NaN, 1e-5, 1000, true, false));
    assertThat(noTarget.passed()).isTrue();
  }
}
