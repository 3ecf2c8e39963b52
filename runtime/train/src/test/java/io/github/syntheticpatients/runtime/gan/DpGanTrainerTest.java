package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.dp.RdpAccountant;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DP-SGD on the CTGAN's discriminator: the budget stops training, the seed fixes the weights. */
class DpGanTrainerTest {
  private static final int ROWS = 100;
  private static final float[] DATA = TinyTable.data(ROWS, 7);
  private static final double DELTA = 1e-3;

  private static GanSettings small() {
    return GanSettings.builder()
        .optBatchSize(10)
        .optPac(1)
        .optLatentDim(8)
        .optGeneratorDims(List.of(16))
        .optDiscriminatorDims(List.of(16))
        .build();
  }

  @Test
  void trainingStopsBeforeTheBudgetIsExceeded() {
    PrivacyLedger ledger = new PrivacyLedger(RdpAccountant.standard());
    DpSchedule schedule = new DpSchedule(0.1, 500, 1.5, 1.0, DELTA, 1.0);
    DpGanTrainer.Result result = train(schedule, ledger, 3);

    assertThat(result.stoppedAtBudget()).isTrue();
    // ε at δ = 1e-3 reaches 0.93 after 10 such steps and 1.25 after 20 (as for argn).
    assertThat(result.steps()).isBetween(10L, 19L);
    assertThat(ledger.entries()).containsExactly(new PrivacyLedger.Entry(0.1, 1.5, result.steps()));
    assertThat(ledger.spent(DELTA).epsilon()).isLessThanOrEqualTo(1.0);
    assertThat(ledger.spentAfter(0.1, 1.5, 1, DELTA).epsilon()).isGreaterThan(1.0);
    assertThat(result.trained().condition()).isEqualTo(ConditionVector.NONE);
  }

  @Test
  void theSameSeedGivesTheSameWeights() {
    DpSchedule schedule = new DpSchedule(0.1, 20, 1.0, 1.0, DELTA, Double.NaN);
    DpGanTrainer.Result a = train(schedule, new PrivacyLedger(RdpAccountant.standard()), 4);
    DpGanTrainer.Result b = train(schedule, new PrivacyLedger(RdpAccountant.standard()), 4);
    DpGanTrainer.Result c = train(schedule, new PrivacyLedger(RdpAccountant.standard()), 5);
    assertThat(a.steps()).isEqualTo(20);
    assertThat(a.stoppedAtBudget()).isFalse();
    assertThat(a.clippedShare()).isBetween(0.0, 1.0);
    assertThat(weights(b.trained().generator())).isEqualTo(weights(a.trained().generator()));
    assertThat(weights(c.trained().generator())).isNotEqualTo(weights(a.trained().generator()));
  }

  @Test
  void packingIsRefused() {
    GanSettings packed = small().toBuilder().optPac(2).build();
    DpSchedule schedule = new DpSchedule(0.1, 5, 1.0, 1.0, DELTA, Double.NaN);
    assertThatThrownBy(
            () ->
                DpGanTrainer.train(
                    DATA,
                    ROWS,
                    TinyTable.LAYOUT,
                    packed,
                    schedule,
                    new PrivacyLedger(RdpAccountant.standard()),
                    1,
                    null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("pac"));
  }

  @Test
  void criticLayerNormIsRefused() {
    GanSettings normalised = small().toBuilder().optCriticLayerNorm(true).build();
    DpSchedule schedule = new DpSchedule(0.1, 5, 1.0, 1.0, DELTA, Double.NaN);
    assertThatThrownBy(
            () ->
                DpGanTrainer.train(
                    DATA,
                    ROWS,
                    TinyTable.LAYOUT,
                    normalised,
                    schedule,
                    new PrivacyLedger(RdpAccountant.standard()),
                    1,
                    null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("criticLayerNorm"));
  }

  private static DpGanTrainer.Result train(DpSchedule schedule, PrivacyLedger ledger, long seed) {
    return DpGanTrainer.train(DATA, ROWS, TinyTable.LAYOUT, small(), schedule, ledger, seed, null);
  }

  private static List<Float> weights(MlpNetwork network) {
    List<Float> all = new ArrayList<>();
    for (DenseLayer layer : network.layers()) {
      for (float[] part :
          new float[][] {layer.weight(), layer.bias(), layer.gamma(), layer.beta()}) {
        if (part != null) {
          for (float value : part) {
            all.add(value);
          }
        }
      }
    }
    return all;
  }
}
