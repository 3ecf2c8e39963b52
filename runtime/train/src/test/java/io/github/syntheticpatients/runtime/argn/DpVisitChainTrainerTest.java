package io.github.syntheticpatients.runtime.argn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.dp.RdpAccountant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DP-SGD on the timeline argn, one patient per example: one ledger entry per step at the patient
 * sampling rate, the budget stops training, and the seed fixes both chains' weights.
 */
class DpVisitChainTrainerTest {
  private static final int PATIENTS = 40;
  private static final double DELTA = 1e-3;

  @Test
  void everyStepIsRecordedAndTrainingStopsBeforeTheBudgetIsExceeded() {
    PrivacyLedger ledger = new PrivacyLedger(RdpAccountant.standard());
    DpSchedule schedule = new DpSchedule(0.1, 500, 1.5, 1.0, DELTA, 1.0);
    DpVisitChainTrainer.Result result = train(schedule, ledger, 3);

    assertThat(result.stoppedAtBudget()).isTrue();
    // ε at δ = 1e-3 reaches 0.93 after 10 such steps and 1.25 after 20.
    assertThat(result.steps()).isBetween(10L, 19L);
    assertThat(ledger.entries()).containsExactly(new PrivacyLedger.Entry(0.1, 1.5, result.steps()));
    assertThat(ledger.spent(DELTA).epsilon()).isLessThanOrEqualTo(1.0);
    assertThat(ledger.spentAfter(0.1, 1.5, 1, DELTA).epsilon()).isGreaterThan(1.0);
    // Every patient's whole timeline is one gradient; with these few steps all are longer than C.
    assertThat(result.clippedShare()).isGreaterThan(0.5);
  }

  @Test
  void theSameSeedGivesTheSameWeights() {
    DpSchedule schedule = new DpSchedule(0.25, 8, 1.0, 1.0, DELTA, Double.NaN);
    DpVisitChainTrainer.Result a = train(schedule, new PrivacyLedger(RdpAccountant.standard()), 4);
    DpVisitChainTrainer.Result b = train(schedule, new PrivacyLedger(RdpAccountant.standard()), 4);
    DpVisitChainTrainer.Result c = train(schedule, new PrivacyLedger(RdpAccountant.standard()), 5);
    assertThat(a.steps()).isEqualTo(8);
    assertThat(a.stoppedAtBudget()).isFalse();
    assertThat(b.visits().historyInput()).containsExactly(a.visits().historyInput());
    assertThat(b.visits().context()).containsExactly(a.visits().context());
    assertThat(b.statics().network().outBias()[0])
        .containsExactly(a.statics().network().outBias()[0]);
    assertThat(c.visits().historyInput()).isNotEqualTo(a.visits().historyInput());
  }

  /**
   * Patients with one static symbol of 3 and 1 to 4 visits of one symbol of 3 that follows the
   * previous one, then a stop row.
   */
  private static DpVisitChainTrainer.Result train(
      DpSchedule schedule, PrivacyLedger ledger, long seed) {
    SplittableRandom random = new SplittableRandom(1);
    int[] statics = new int[PATIENTS];
    int[] starts = new int[PATIENTS + 1];
    int[] lengths = new int[PATIENTS];
    for (int p = 0; p < PATIENTS; p++) {
      statics[p] = random.nextInt(3);
      lengths[p] = 1 + random.nextInt(4);
      starts[p + 1] = starts[p] + lengths[p] + 1;
    }
    int rows = starts[PATIENTS];
    int[] codes = new int[rows * 2];
    int[] times = new int[rows * 2];
    for (int p = 0; p < PATIENTS; p++) {
      int symbol = statics[p];
      for (int t = 0; t <= lengths[p]; t++) {
        int row = starts[p] + t;
        boolean stop = t == lengths[p];
        codes[row * 2] = stop ? 1 : 0;
        codes[row * 2 + 1] = stop ? 0 : symbol;
        times[row * 2] = Math.min(t, 3);
        symbol = (symbol + 1) % 3;
      }
    }
    VisitSequences sequences =
        new VisitSequences(
            statics, new int[] {3}, codes, starts, new int[] {2, 3}, times, new int[] {4, 0});
    return DpVisitChainTrainer.train(
        sequences,
        new int[] {0},
        ArgnSettings.forData(PATIENTS),
        8,
        ContextPositions.NONE,
        schedule,
        ledger,
        seed,
        null);
  }
}
