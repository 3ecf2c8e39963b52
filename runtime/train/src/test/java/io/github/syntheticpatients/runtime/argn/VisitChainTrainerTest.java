package io.github.syntheticpatients.runtime.argn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which epoch the visit chain keeps. The made-up patients' visits are random symbols, so nothing
 * beyond their frequencies generalises: the validation loss falls, flattens and then climbs while
 * the network learns its training patients by heart, the shape seen on pbcseq.
 */
class VisitChainTrainerTest {
  private static final ArgnSettings SETTINGS =
      ArgnSettings.forData(60).withAverageDecay(0).withBatchSize(10).withMaxEpochs(80);

  private static VisitSequences train;
  private static VisitSequences validation;
  private static TrainedVisitChain lowest;

  @BeforeAll
  static void trainAtTheLowestLoss() {
    train = patients(60, 1);
    validation = patients(30, 2);
    lowest = VisitChainTrainer.train(train, validation, SETTINGS, 8, 7, null);
  }

  @Test
  void keepsTheEpochOfTheLowestValidationLoss() {
    double[] losses = lowest.validationLosses();
    assertThat(losses[lowest.bestEpoch() - 1]).isEqualTo(min(losses));
    assertThat(lowest.epochsRun()).as("it ran past the minimum").isGreaterThan(lowest.bestEpoch());
    assertThat(losses[losses.length - 1]).isGreaterThan(min(losses));
  }

  @Test
  void aToleranceKeepsTheEarliestEpochOfNearlyTheLowestLoss() {
    TrainedVisitChain earlier =
        VisitChainTrainer.train(
            train,
            validation,
            SETTINGS,
            8,
            ContextPositions.NONE,
            new VisitRegularisation(0.02, 0, 0),
            7,
            null);
    double[] losses = earlier.validationLosses();
    // The same run up to the kept epochs (same seed, same steps).
    assertThat(losses).containsExactly(lowest.validationLosses());
    int kept = earlier.bestEpoch();
    assertThat(kept).isLessThan(lowest.bestEpoch());
    assertThat(losses[kept - 1]).isLessThanOrEqualTo(min(losses) * 1.02);
    for (int e = 1; e < kept; e++) {
      assertThat(losses[e - 1]).as("epoch %d", e).isGreaterThan(min(losses) * 1.02);
    }
    // The kept weights are that epoch's, not the lowest's.
    assertThat(earlier.historyInput()).isNotEqualTo(lowest.historyInput());
  }

  @Test
  void theAverageIsWhatIsValidatedAndKept() {
    TrainedVisitChain averaged =
        VisitChainTrainer.train(train, validation, SETTINGS.withAverageDecay(0.9), 8, 7, null);
    TrainedVisitChain again =
        VisitChainTrainer.train(train, validation, SETTINGS.withAverageDecay(0.9), 8, 7, null);
    // Same training steps (the same training losses), other validated weights.
    assertThat(averaged.trainLosses()).startsWith(lowest.trainLosses()[0]);
    assertThat(averaged.validationLosses()[0]).isNotEqualTo(lowest.validationLosses()[0]);
    assertThat(again.historyInput()).containsExactly(averaged.historyInput());
  }

  @Test
  void refusesAToleranceOfOne() {
    assertThatThrownBy(() -> new VisitRegularisation(1.0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1)");
  }

  private static double min(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
    }
    return min;
  }

  /**
   * Patients with one static symbol of 4 and 2 to 6 visits of two symbols of 5 drawn at random,
   * then a stop row.
   */
  private static VisitSequences patients(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] statics = new int[count];
    int[] starts = new int[count + 1];
    int[] lengths = new int[count];
    for (int p = 0; p < count; p++) {
      statics[p] = random.nextInt(4);
      lengths[p] = 2 + random.nextInt(5);
      starts[p + 1] = starts[p] + lengths[p] + 1;
    }
    int rows = starts[count];
    int[] codes = new int[rows * 3];
    int[] times = new int[rows * 2];
    for (int p = 0; p < count; p++) {
      for (int t = 0; t <= lengths[p]; t++) {
        int row = starts[p] + t;
        boolean stop = t == lengths[p];
        codes[row * 3] = stop ? 1 : 0;
        codes[row * 3 + 1] = stop ? 0 : random.nextInt(5);
        codes[row * 3 + 2] = stop ? 0 : random.nextInt(5);
        times[row * 2] = Math.min(t, 3);
      }
    }
    return new VisitSequences(
        statics, new int[] {4}, codes, starts, new int[] {2, 5, 5}, times, new int[] {4, 0});
  }
}
