package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.LstmLayer;
import io.github.syntheticpatients.runtime.model.TimelineGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineGanTrainerTest {
  private static final TimelineTrainingData DATA = RisingTimelines.data(40, 2);
  private static final TimelineGanSettings SMALL =
      TimelineGanSettings.builder()
          .optEpochs(4)
          .optBatchSize(16)
          .optLstmHidden(12)
          .optMlpHidden(12)
          .optCriticHidden(12)
          .optLatentDim(4)
          .optCriticSteps(2)
          .build();

  @Test
  void sameSeedGivesBitIdenticalWeightsAndLosses() {
    TrainedTimelineGenerator first =
        TimelineGanTrainer.train(DATA, RisingTimelines.LAYOUT, SMALL, 42, null);
    TrainedTimelineGenerator second =
        TimelineGanTrainer.train(DATA, RisingTimelines.LAYOUT, SMALL, 42, null);
    TrainedTimelineGenerator otherSeed =
        TimelineGanTrainer.train(DATA, RisingTimelines.LAYOUT, SMALL, 43, null);

    assertThat(first.generatorLosses()).containsExactly(second.generatorLosses());
    assertThat(first.criticLosses()).containsExactly(second.criticLosses());
    assertThat(weights(first.generator())).isEqualTo(weights(second.generator()));
    assertThat(weights(first.generator())).isNotEqualTo(weights(otherSeed.generator()));
    assertThat(first.generatorLosses()).isNotEqualTo(otherSeed.generatorLosses());
    assertThat(first.epochs()).isEqualTo(4);
    assertThat(first.generatorLosses()).hasSize(4);
    assertThat(Arrays.stream(first.generatorLosses()).allMatch(Double::isFinite)).isTrue();
    TimelineGenerator generator = first.generator();
    assertThat(List.of(generator.latentDim(), generator.staticWidth(), generator.stepWidth()))
        .containsExactly(4, RisingTimelines.STATIC_WIDTH, RisingTimelines.STEP_WIDTH);
  }

  @Test
  void snapshotsComeEveryNthEpochBeforeTheLastAndChangeNothing() {
    List<TrainedTimelineGenerator> snapshots = new ArrayList<>();
    TimelineGanSettings five = SMALL.toBuilder().optEpochs(5).build();
    TrainedTimelineGenerator last =
        TimelineGanTrainer.train(DATA, RisingTimelines.LAYOUT, five, 42, null, 2, snapshots::add);
    TrainedTimelineGenerator plain =
        TimelineGanTrainer.train(DATA, RisingTimelines.LAYOUT, five, 42, null);

    assertThat(snapshots).extracting(TrainedTimelineGenerator::epochs).containsExactly(2, 4);
    assertThat(snapshots.get(0).generatorLosses())
        .hasSize(2)
        .containsExactly(Arrays.copyOf(last.generatorLosses(), 2));
    assertThat(weights(snapshots.get(1).generator())).isNotEqualTo(weights(last.generator()));
    assertThat(weights(last.generator())).isEqualTo(weights(plain.generator()));
    assertThatThrownBy(
            () -> TimelineGanTrainer.train(DATA, RisingTimelines.LAYOUT, five, 42, null, -1, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("snapshotEvery");
  }

  @Test
  void momentLossChangesTrainingAndRejectsNegativeWeights() {
    TimelineGanSettings two = SMALL.toBuilder().optEpochs(2).build();
    TrainedTimelineGenerator without =
        TimelineGanTrainer.train(
            DATA, RisingTimelines.LAYOUT, two.toBuilder().optMomentWeight(0).build(), 42, null);
    TrainedTimelineGenerator with =
        TimelineGanTrainer.train(
            DATA, RisingTimelines.LAYOUT, two.toBuilder().optMomentWeight(1).build(), 42, null);
    assertThat(with.generatorLosses()[0]).isGreaterThan(without.generatorLosses()[0]);
    assertThat(weights(with.generator())).isNotEqualTo(weights(without.generator()));
    assertThatThrownBy(() -> SMALL.toBuilder().optMomentWeight(-1).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("momentWeight");
  }

  @Test
  void staticNoiseIsSeededAndChangesTraining() {
    TimelineGanSettings two = SMALL.toBuilder().optEpochs(2).build();
    TrainedTimelineGenerator plain =
        TimelineGanTrainer.train(DATA, RisingTimelines.LAYOUT, two, 42, null);
    TrainedTimelineGenerator noisy =
        TimelineGanTrainer.train(
            DATA, RisingTimelines.LAYOUT, two.toBuilder().optStaticNoise(0.3).build(), 42, null);
    TrainedTimelineGenerator again =
        TimelineGanTrainer.train(
            DATA, RisingTimelines.LAYOUT, two.toBuilder().optStaticNoise(0.3).build(), 42, null);
    assertThat(weights(noisy.generator()))
        .isNotEqualTo(weights(plain.generator()))
        .isEqualTo(weights(again.generator()));
    assertThatThrownBy(() -> SMALL.toBuilder().optStaticNoise(-0.1).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("staticNoise");
  }

  @Test
  void reportsEveryEpochAndAStartMessage() {
    List<TrainingListener.EpochProgress> epochs = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    TimelineGanTrainer.train(
        DATA,
        RisingTimelines.LAYOUT,
        SMALL.toBuilder().optEpochs(2).build(),
        1,
        new TrainingListener() {
          @Override
          public void onEpoch(EpochProgress progress) {
            epochs.add(progress);
          }

          @Override
          public void onMessage(String message) {
            messages.add(message);
          }
        });
    assertThat(epochs).extracting(TrainingListener.EpochProgress::epoch).containsExactly(1, 2);
    assertThat(messages).singleElement().asString().contains("40 patients");
  }

  @Test
  void trainsWithoutStaticAttributesAndWithMoreCriticStepsThanPatientsPerBatch() {
    TimelineTrainingData noStatics =
        new TimelineTrainingData(
            DATA.steps(), DATA.lengths(), new float[0], DATA.maxSteps(), DATA.stepWidth(), 0);
    TrainedTimelineGenerator trained =
        TimelineGanTrainer.train(
            noStatics,
            RisingTimelines.LAYOUT,
            SMALL.toBuilder().optEpochs(1).optBatchSize(500).build(),
            3,
            null);
    assertThat(trained.generator().staticWidth()).isZero();
    assertThat(trained.generator().forwardRaw(new float[3 * 4], new float[0], 3)).hasSize(3 * 3);
  }

  @Test
  void curriculumTrainsOnAQuarterThenHalfThenWholeSequences() {
    TimelineTrainingData data = RisingTimelines.data(8, 1);
    try (TimelineTraining training =
        TimelineTraining.open(
            data, RisingTimelines.LAYOUT, SMALL.toBuilder().optEpochs(8).build(), 1)) {
      int[] horizons = new int[8];
      Arrays.setAll(horizons, training::horizon);
      assertThat(horizons).containsExactly(2, 2, 4, 4, 8, 8, 8, 8);
    }
    try (TimelineTraining training =
        TimelineTraining.open(
            data,
            RisingTimelines.LAYOUT,
            SMALL.toBuilder().optEpochs(8).optCurriculum(false).build(),
            1)) {
      assertThat(training.horizon(0)).isEqualTo(8);
    }
  }

  @Test
  void rejectsALayoutOfAnotherWidth() {
    EncodedLayout wider =
        new EncodedLayout(
            List.of(
                new OutputBlock(OutputBlock.Kind.SCALAR, OutputBlock.Role.VALUE, 0, 1, "a"),
                new OutputBlock(OutputBlock.Kind.SOFTMAX, OutputBlock.Role.CATEGORY, 1, 3, "b")),
            4);
    assertThatThrownBy(() -> TimelineGanTrainer.train(DATA, wider, SMALL, 1, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("4 wide");
  }

  @Test
  void trainingDataRejectsMismatchedSizesBadLengthsNonFiniteValuesAndPadding() {
    int w = 2;
    float[] steps = new float[2 * 3 * w];
    assertThatThrownBy(
            () -> new TimelineTrainingData(new float[5], new int[] {1, 1}, new float[0], 3, w, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2 x 3 x 2");
    assertThatThrownBy(
            () -> new TimelineTrainingData(steps, new int[] {1, 4}, new float[0], 3, w, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("patient 2 has length 4");
    assertThatThrownBy(
            () -> new TimelineTrainingData(steps, new int[] {1, 0}, new float[0], 3, w, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("length 0");
    assertThatThrownBy(
            () -> new TimelineTrainingData(steps, new int[] {1, 1}, new float[3], 3, w, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2 x 2 encoded static values");
    float[] nan = steps.clone();
    nan[1] = Float.NaN;
    assertThatThrownBy(() -> new TimelineTrainingData(nan, new int[] {1, 1}, new float[0], 3, w, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("patient 1, step 1, position 1 is NaN");
    float[] padded = steps.clone();
    padded[2] = 0.5f;
    assertThatThrownBy(
            () -> new TimelineTrainingData(padded, new int[] {1, 1}, new float[0], 3, w, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("padded step 2");
    float[] infiniteStatic = {0, Float.POSITIVE_INFINITY};
    assertThatThrownBy(
            () -> new TimelineTrainingData(steps, new int[] {1, 1}, infiniteStatic, 3, w, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("patient 2, static position 0");
  }

  @Test
  void settingsForDataAimForAboutOneThousandGeneratorSteps() {
    TimelineGanSettings pbcseq = TimelineGanSettings.forData(190, 16);
    assertThat(pbcseq.batchSize()).isEqualTo(32);
    assertThat(pbcseq.epochs()).isEqualTo(200);
    assertThat(TimelineGanSettings.forData(100, 16).epochs()).isEqualTo(334);
    TimelineGanSettings large = TimelineGanSettings.forData(40_000, 50);
    assertThat(large.batchSize()).isEqualTo(64);
    assertThat(large.epochs()).isEqualTo(30);
    assertThat(TimelineGanSettings.forData(10, 5).batchSize()).isEqualTo(10);
    assertThat(TimelineGanSettings.forData(10, 5).epochs()).isEqualTo(1_000);
    assertThatThrownBy(() -> SMALL.toBuilder().optCriticSteps(0).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("criticSteps");
    assertThatThrownBy(() -> SMALL.toBuilder().optFiniteDifferenceStep(0).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("finiteDifferenceStep");
  }

  /**
   * Every weight array of the generator, in a fixed order (also digested by {@link
   * TrainingDigestProbe}).
   */
  static List<float[]> weightArrays(TimelineGenerator generator) {
    List<float[]> all = new ArrayList<>();
    for (LstmLayer lstm : List.of(generator.forwardLstm(), generator.backwardLstm())) {
      all.add(lstm.inputWeight());
      all.add(lstm.recurrentWeight());
      all.add(lstm.bias());
    }
    for (DenseLayer layer : generator.head().layers()) {
      all.add(layer.weight());
      all.add(layer.bias());
    }
    return all;
  }

  /**
   * Every weight of the generator, in a fixed order, as one list of boxed values (so equals
   * compares values).
   */
  private static List<Float> weights(TimelineGenerator generator) {
    List<Float> values = new ArrayList<>();
    for (float[] array : weightArrays(generator)) {
      for (float v : array) {
        values.add(v);
      }
    }
    return values;
  }
}
