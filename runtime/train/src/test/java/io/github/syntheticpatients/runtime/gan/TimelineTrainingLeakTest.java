package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTrainingLeakTest {

  /**
   * No NDArray may outlive its step: the owning manager holds the same arrays after every epoch.
   * Resident memory across epochs is measured by {@link TrainingLeakBenchmark}, not here: it
   * depends on the OS and the JVM.
   */
  @Test
  void arraysDoNotGrowAcrossEpochs() {
    TimelineTrainingData data = RisingTimelines.data(96, 4);
    TimelineGanSettings settings =
        TimelineGanSettings.builder()
            .optEpochs(30)
            .optLstmHidden(32)
            .optMlpHidden(32)
            .optCriticHidden(32)
            .build();
    List<Integer> arrays = new ArrayList<>();
    try (TimelineTraining training =
        TimelineTraining.open(data, RisingTimelines.LAYOUT, settings, 2)) {
      training.run(
          TrainingListener.NONE,
          (epoch, manager) -> {
            arrays.add(manager.getManagedArrays().size());
          });
    }
    // Generator: two LSTMs (4 each) and two dense layers (2 each); critic: one LSTM and two dense
    // layers; Adam's two
    // moments for each of those 20 parameters; 8 scalar constants. Nothing else survives an epoch.
    assertThat(arrays).hasSize(30).containsOnly(3 * 20 + 8);
  }
}
