package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GanTrainingLeakTest {

  /**
   * No NDArray may outlive its step: the owning manager holds the same arrays after every epoch.
   * Resident memory across epochs is measured by {@link TrainingLeakBenchmark}, not here: it
   * depends on the OS and the JVM.
   */
  @Test
  void arraysDoNotGrowAcrossEpochs() {
    int rows = 500;
    float[] data = TinyTable.data(rows, 8);
    GanSettings settings =
        GanSettings.builder()
            .optEpochs(30)
            .optBatchSize(100)
            .optGeneratorDims(List.of(64, 64))
            .optDiscriminatorDims(List.of(64, 64))
            .build();
    List<Integer> arrays = managedArraysAfterEachEpoch(data, rows, settings);
    // 16 parameters, Adam's two moments for each, 9 scalar constants and the running mean and
    // variance of the generator's two batch norms: nothing else survives an epoch.
    assertThat(arrays).hasSize(30).containsOnly(3 * 16 + 9 + 2 * 2);
  }

  /** The same with the information and classifier losses on: the classifier's arrays stay put. */
  @Test
  void arraysDoNotGrowAcrossEpochsWithTheCtabGanLosses() {
    int rows = 500;
    float[] data = TinyTable.data(rows, 8);
    GanSettings settings =
        GanSettings.builder()
            .optEpochs(10)
            .optBatchSize(100)
            .optGeneratorDims(List.of(64, 64))
            .optDiscriminatorDims(List.of(64, 64))
            .optInformationLoss(0.1)
            .optClassifierLoss(0.1, "stage")
            .build();
    List<Integer> arrays = managedArraysAfterEachEpoch(data, rows, settings);
    // As above, plus the classifier's 6 parameters with Adam's two moments each and the two
    // weights.
    assertThat(arrays).hasSize(10).containsOnly(3 * 16 + 9 + 2 * 2 + 3 * 6 + 2);
  }

  /** How many arrays the training's manager holds after each epoch. */
  private static List<Integer> managedArraysAfterEachEpoch(
      float[] data, int rows, GanSettings settings) {
    List<Integer> arrays = new ArrayList<>();
    try (GanTraining training = DjlEngine.open(data, rows, TinyTable.LAYOUT, settings, 2)) {
      training.run(
          TrainingListener.NONE,
          generator -> {},
          (epoch, manager) -> arrays.add(manager.getManagedArrays().size()));
    }
    return arrays;
  }
}
