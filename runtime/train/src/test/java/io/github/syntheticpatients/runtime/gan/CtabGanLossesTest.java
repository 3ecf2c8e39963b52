package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CTAB-GAN's information loss and CTAB-GAN+'s auxiliary classifier loss (issue 18). */
class CtabGanLossesTest {
  private static final int ROWS = 400;
  private static final float[] DATA = TinyTable.data(ROWS, 3);

  private static GanSettings.Builder small() {
    return GanSettings.builder()
        .optEpochs(3)
        .optBatchSize(100)
        .optLatentDim(16)
        .optGeneratorDims(List.of(32, 32))
        .optDiscriminatorDims(List.of(32, 32));
  }

  private static GanSettings withOption(String option) {
    return switch (option) {
      case "information" -> small().optInformationLoss(1).build();
      case "classifier" -> small().optClassifierLoss(1, "stage").build();
      default -> small().optInformationLoss(1).optClassifierLoss(1, "stage").build();
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"information", "classifier", "both"})
  void eachOptionChangesTrainingAndTheSameSeedGivesTheSameBytes(String option) {
    GanSettings settings = withOption(option);
    TrainedGenerator first =
        GanTrainer.train(DATA, ROWS, TinyTable.LAYOUT, settings, 42, null, null);
    TrainedGenerator second =
        GanTrainer.train(DATA, ROWS, TinyTable.LAYOUT, settings, 42, null, null);
    TrainedGenerator plain =
        GanTrainer.train(DATA, ROWS, TinyTable.LAYOUT, small().build(), 42, null, null);

    assertThat(first.generatorLosses()).containsExactly(second.generatorLosses());
    assertThat(first.discriminatorLosses()).containsExactly(second.discriminatorLosses());
    assertThat(weights(first.generator())).isEqualTo(weights(second.generator()));
    assertThat(weights(first.generator())).isNotEqualTo(weights(plain.generator()));
    assertThat(Arrays.stream(first.generatorLosses()).allMatch(Double::isFinite)).isTrue();
  }

  @Test
  void informationLossIsTheL1DistanceOfMeansAndOfStandardDeviations() {
    Engine engine = DjlEngine.engine();
    JniUtils.setGradMode(false);
    try (NDManager manager = engine.newBaseManager()) {
      // Feature 0: real mean 1, sd √2; fake mean 1, sd 0. Feature 1: real mean 0, sd 0; fake mean
      // 3, sd √2.
      NDArray real = manager.create(new float[] {0, 0, 2, 0}, new Shape(2, 2));
      NDArray fake = manager.create(new float[] {1, 2, 1, 4}, new Shape(2, 2));

      float loss = InformationLoss.of(real, fake).getFloat();

      assertThat(loss).isCloseTo((float) (3 + 2 * Math.sqrt(2)), within(1e-5f));
      assertThat(InformationLoss.of(real, real).getFloat()).isCloseTo(0f, within(1e-5f));
    }
  }

  @Test
  void theClassifierLearnsTheTargetFromTheOtherColumns() {
    synchronized (GanTrainer.LOCK) {
      Engine engine = DjlEngine.engine();
      engine.setRandomSeed(5);
      JniUtils.setGradMode(false);
      try (NDManager manager = engine.newBaseManager()) {
        AuxiliaryClassifier classifier =
            new AuxiliaryClassifier(
                manager,
                TinyTable.LAYOUT,
                small().optClassifierLoss(1, "stage").optDiscriminatorLearningRate(1e-2).build());
        NDArray rows = manager.create(DATA, new Shape(ROWS, TinyTable.LAYOUT.width()));
        double first = 0;
        double last = 0;
        for (int step = 0; step < 150; step++) {
          try (NDManager batch = manager.newSubManager()) {
            NDArray copy = rows.duplicate();
            copy.attach(batch);
            double loss = classifier.trainStep(engine, copy);
            first = step == 0 ? loss : first;
            last = loss;
          }
        }
        // Stage follows the age mode in 80 % of rows: from the other columns the classifier gets
        // well below the log(4) it starts near.
        assertThat(first).isGreaterThan(1.2);
        assertThat(last).isLessThan(0.9);
      }
    }
  }

  @Test
  void refusesBadValuesNamingTheParameterAndTheFix() {
    assertThatThrownBy(() -> small().optInformationLoss(-1).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("informationLoss must be 0 or more, was -1.0")
        .satisfies(
            e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("informationLoss"));
    assertThatThrownBy(() -> small().optClassifierLoss(Double.NaN, "stage").build())
        .satisfies(
            e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("classifierLoss"));
    assertThatThrownBy(() -> small().optClassifierLoss(1, " ").build())
        .hasMessageContaining("needs the discrete target column")
        .satisfies(
            e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("classifierTarget"));
    assertThatThrownBy(() -> small().optClassifierLoss(0, "stage").build())
        .hasMessageContaining("classifierTarget 'stage' is set but classifierLoss is 0");
    assertThatThrownBy(
            () -> GanSettings.builder(GanSettings.Kind.BASIC).optInformationLoss(1).build())
        .hasMessageContaining("use kind CTGAN");
    assertThatThrownBy(
            () ->
                GanTrainer.train(
                    DATA,
                    ROWS,
                    TinyTable.LAYOUT,
                    small().optClassifierLoss(1, "bili").build(),
                    1,
                    null,
                    null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("classifierTarget 'bili' is not a discrete column")
        .hasMessageContaining("[sex, stage]");
  }

  private static List<Float> weights(MlpNetwork network) {
    List<Float> all = new ArrayList<>();
    for (DenseLayer layer : network.layers()) {
      for (float value : layer.weight()) {
        all.add(value);
      }
      for (float value : layer.bias()) {
        all.add(value);
      }
    }
    return all;
  }
}
