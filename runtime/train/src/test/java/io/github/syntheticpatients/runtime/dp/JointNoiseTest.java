package io.github.syntheticpatients.runtime.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One factor κ on every stage's σ, bisected on the ε composed in RDP (privacy notes §6). */
class JointNoiseTest {
  private static final double DELTA = 1e-5;

  @Test
  void composedEpsilonMeetsTheTargetWithLessNoiseThanTheShares() {
    RdpAccountant accountant = RdpAccountant.standard();
    List<JointNoise.Stage> stages =
        List.of(
            new JointNoise.Stage(0.05, 400, 0.35),
            new JointNoise.Stage(0.05, 400, 0.45),
            new JointNoise.Stage(0.02, 500, 0.20));
    JointNoise.Result result = JointNoise.search(accountant, stages, DELTA, 3.0);

    PrivacyLedger ledger = new PrivacyLedger(accountant);
    for (int s = 0; s < stages.size(); s++) {
      ledger.record(
          stages.get(s).samplingRate(), result.noiseMultipliers()[s], stages.get(s).steps());
    }
    double composed = ledger.spent(DELTA).epsilon();
    assertThat(composed).isEqualTo(result.spent().epsilon());
    assertThat(composed).isLessThanOrEqualTo(3.0).isGreaterThanOrEqualTo(3.0 - 0.01);
    // RDP composition pays the (ε, δ) conversion once, so the shares' own σ overspend noise.
    assertThat(result.kappa()).isLessThan(1.0).isPositive();
    for (int s = 0; s < stages.size(); s++) {
      JointNoise.Stage stage = stages.get(s);
      double alone =
          NoiseSearch.noiseMultiplier(
                  accountant, stage.samplingRate(), stage.steps(), DELTA, stage.share() * 3.0)
              .noiseMultiplier();
      assertThat(result.noiseMultipliers()[s]).isCloseTo(result.kappa() * alone, within(1e-12));
    }
  }
}
