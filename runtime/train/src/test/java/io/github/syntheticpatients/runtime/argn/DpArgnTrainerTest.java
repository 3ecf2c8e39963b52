package io.github.syntheticpatients.runtime.argn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.dp.RdpAccountant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DP-SGD on the chain of heads: the budget stops training, and the seed fixes the weights. */
class DpArgnTrainerTest {
  private static final int[] VOCABULARY = {3, 4};
  private static final int[] OWNERS = {0, 1};
  private static final int ROWS = 100;
  private static final double DELTA = 1e-3;

  @Test
  void trainingStopsBeforeTheBudgetIsExceeded() {
    PrivacyLedger ledger = new PrivacyLedger(RdpAccountant.standard());
    DpSchedule schedule = new DpSchedule(0.1, 500, 1.5, 1.0, DELTA, 1.0);
    DpArgnTrainer.Result result = train(schedule, ledger, 3);

    assertThat(result.stoppedAtBudget()).isTrue();
    // ε at δ = 1e-3 reaches 0.93 after 10 such steps and 1.25 after 20.
    assertThat(result.steps()).isBetween(10L, 19L);
    assertThat(ledger.entries()).containsExactly(new PrivacyLedger.Entry(0.1, 1.5, result.steps()));
    assertThat(ledger.spent(DELTA).epsilon()).isLessThanOrEqualTo(1.0);
    // The step it did not take would have exceeded the budget.
    assertThat(ledger.spentAfter(0.1, 1.5, 1, DELTA).epsilon()).isGreaterThan(1.0);
  }

  @Test
  void theSameSeedGivesTheSameWeights() {
    DpSchedule schedule = new DpSchedule(0.1, 20, 1.0, 1.0, DELTA, Double.NaN);
    DpArgnTrainer.Result a = train(schedule, new PrivacyLedger(RdpAccountant.standard()), 4);
    DpArgnTrainer.Result b = train(schedule, new PrivacyLedger(RdpAccountant.standard()), 4);
    DpArgnTrainer.Result c = train(schedule, new PrivacyLedger(RdpAccountant.standard()), 5);
    assertThat(a.steps()).isEqualTo(20);
    assertThat(a.stoppedAtBudget()).isFalse();
    assertThat(b.trained().network().outBias()[1])
        .containsExactly(a.trained().network().outBias()[1]);
    assertThat(c.trained().network().outBias()[1]).isNotEqualTo(a.trained().network().outBias()[1]);
  }

  private static DpArgnTrainer.Result train(DpSchedule schedule, PrivacyLedger ledger, long seed) {
    SplittableRandom random = new SplittableRandom(1);
    int[] codes = new int[ROWS * 2];
    for (int r = 0; r < ROWS; r++) {
      codes[2 * r] = random.nextInt(3);
      codes[2 * r + 1] = (codes[2 * r] + random.nextInt(2)) % 4;
    }
    return DpArgnTrainer.train(
        codes, VOCABULARY, OWNERS, ArgnSettings.forData(ROWS), schedule, ledger, seed, null);
  }
}
