package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GanTrainerTest {
  private static final int ROWS = 400;
  private static final float[] DATA = TinyTable.data(ROWS, 3);

  private static GanSettings small(GanSettings.Kind kind, int epochs) {
    return GanSettings.builder(kind)
        .optEpochs(epochs)
        .optBatchSize(100)
        .optLatentDim(16)
        .optGeneratorDims(List.of(32, 32))
        .optDiscriminatorDims(List.of(32, 32))
        .build();
  }

  @ParameterizedTest
  @EnumSource(GanSettings.Kind.class)
  void sameSeedGivesBitIdenticalWeightsAndLosses(GanSettings.Kind kind) {
    GanSettings settings = small(kind, 3);
    TrainedGenerator first =
        GanTrainer.train(DATA, ROWS, TinyTable.LAYOUT, settings, 42, null, null);
    TrainedGenerator second =
        GanTrainer.train(DATA, ROWS, TinyTable.LAYOUT, settings, 42, null, null);
    TrainedGenerator otherSeed =
        GanTrainer.train(DATA, ROWS, TinyTable.LAYOUT, settings, 43, null, null);

    assertThat(first.generatorLosses()).containsExactly(second.generatorLosses());
    assertThat(first.discriminatorLosses()).containsExactly(second.discriminatorLosses());
    assertThat(weights(first.generator())).isEqualTo(weights(second.generator()));
    assertThat(weights(first.generator())).isNotEqualTo(weights(otherSeed.generator()));
    assertThat(first.generatorLosses()).hasSize(3);
    assertThat(java.util.Arrays.stream(first.generatorLosses()).allMatch(Double::isFinite))
        .isTrue();
  }

  @Test
  void describesTheConditionalVectorWithOriginalFrequencies() {
    TrainedGenerator trained =
        GanTrainer.train(
            DATA, ROWS, TinyTable.LAYOUT, small(GanSettings.Kind.CTGAN, 1), 1, null, null);

    ConditionVector condition = trained.condition();
    assertThat(condition.width()).isEqualTo(6);
    assertThat(condition.columns())
        .extracting(ConditionColumn::column)
        .containsExactly("sex", "stage");
    ConditionColumn sex = condition.columns().get(0);
    ConditionColumn stage = condition.columns().get(1);
    assertThat(
            List.of(sex.blockOffset(), sex.condOffset(), stage.blockOffset(), stage.condOffset()))
        .containsExactly(4, 0, 6, 2);
    double[] expected = new double[2];
    for (int r = 0; r < ROWS; r++) {
      expected[DATA[r * 13 + 4] == 1 ? 0 : 1] += 1.0 / ROWS;
    }
    assertThat(sex.frequencies()[0])
        .isCloseTo(expected[0], org.assertj.core.api.Assertions.within(1e-12));
    assertThat(trained.generator().inputWidth()).isEqualTo(16 + 6);
    assertThat(trained.generator().outputWidth()).isEqualTo(13);
  }

  /** A binned numeric column's BIN block takes part in the conditional vector like a category. */
  @Test
  void binnedColumnsJoinTheConditionalVector() {
    var layout =
        new io.github.syntheticpatients.runtime.encode.EncodedLayout(
            List.of(
                new io.github.syntheticpatients.runtime.encode.OutputBlock(
                    io.github.syntheticpatients.runtime.encode.OutputBlock.Kind.SOFTMAX,
                    io.github.syntheticpatients.runtime.encode.OutputBlock.Role.BIN,
                    0,
                    4,
                    "age"),
                new io.github.syntheticpatients.runtime.encode.OutputBlock(
                    io.github.syntheticpatients.runtime.encode.OutputBlock.Kind.SCALAR,
                    io.github.syntheticpatients.runtime.encode.OutputBlock.Role.VALUE,
                    4,
                    1,
                    "age"),
                new io.github.syntheticpatients.runtime.encode.OutputBlock(
                    io.github.syntheticpatients.runtime.encode.OutputBlock.Kind.SOFTMAX,
                    io.github.syntheticpatients.runtime.encode.OutputBlock.Role.CATEGORY,
                    5,
                    2,
                    "sex")),
            7);
    float[] data = TinyTable.randomData(layout, 200, 3);
    TrainedGenerator trained =
        GanTrainer.train(data, 200, layout, small(GanSettings.Kind.CTGAN, 1), 1, null, null);
    assertThat(trained.condition().columns())
        .extracting(ConditionColumn::column, ConditionColumn::blockOffset, ConditionColumn::width)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("age", 0, 4),
            org.assertj.core.groups.Tuple.tuple("sex", 5, 2));
    assertThat(trained.generator().inputWidth()).isEqualTo(16 + 6);
  }

  @Test
  void basicGanHasNoConditionalVector() {
    TrainedGenerator trained =
        GanTrainer.train(
            DATA, ROWS, TinyTable.LAYOUT, small(GanSettings.Kind.BASIC, 1), 1, null, null);
    assertThat(trained.condition()).isEqualTo(ConditionVector.NONE);
    assertThat(trained.generator().inputWidth()).isEqualTo(16);
    assertThat(trained.generator().layers())
        .extracting(DenseLayer::activation)
        .containsExactly(
            DenseLayer.Activation.LEAKY_RELU,
            DenseLayer.Activation.LEAKY_RELU,
            DenseLayer.Activation.NONE);
  }

  /**
   * Without discrete columns CTGAN trains unconditionally: no conditional input, uniform real rows.
   */
  @Test
  void ctganWithoutDiscreteColumnsHasAnEmptyConditionalVector() {
    var layout = TinyTable.randomLayout(6, 0, 0);
    float[] data = TinyTable.randomData(layout, 200, 2);
    TrainedGenerator trained =
        GanTrainer.train(data, 200, layout, small(GanSettings.Kind.CTGAN, 2), 1, null, null);
    assertThat(trained.condition().width()).isZero();
    assertThat(trained.generator().inputWidth()).isEqualTo(16);
    assertThat(java.util.Arrays.stream(trained.discriminatorLosses()).allMatch(Double::isFinite))
        .isTrue();
  }

  @Test
  void reportsEveryEpochAndSnapshots() {
    List<TrainingListener.EpochProgress> progress = new ArrayList<>();
    List<TrainedGenerator> snapshots = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onEpoch(EpochProgress epoch) {
            progress.add(epoch);
          }
        };
    TrainedGenerator last =
        GanTrainer.train(
            DATA,
            ROWS,
            TinyTable.LAYOUT,
            small(GanSettings.Kind.CTGAN, 5).toBuilder().optSnapshotEvery(2).build(),
            5,
            listener,
            snapshots::add);

    assertThat(progress)
        .extracting(TrainingListener.EpochProgress::epoch)
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(progress).allMatch(p -> p.epochs() == 5 && !p.elapsed().isNegative());
    assertThat(progress.get(4).remaining()).isZero();
    assertThat(progress.get(4).generatorLoss()).isEqualTo(last.generatorLosses()[4]);
    assertThat(snapshots).extracting(TrainedGenerator::epochs).containsExactly(2, 4);
    assertThat(snapshots.get(0).generatorLosses())
        .containsExactly(last.generatorLosses()[0], last.generatorLosses()[1]);
  }

  /** The conditional loss must teach the generator to honour the conditional vector. */
  @Test
  void ctganLearnsToHonourTheConditionalVector() {
    TrainedGenerator trained =
        GanTrainer.train(
            DATA, ROWS, TinyTable.LAYOUT, small(GanSettings.Kind.CTGAN, 40), 9, null, null);
    ConditionColumn stage = trained.condition().columns().get(1);
    int rows = 500;
    int inputWidth = trained.generator().inputWidth();
    float[] input = new float[rows * inputWidth];
    Random random = new Random(1);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < trained.latentDim(); j++) {
        input[r * inputWidth + j] = (float) random.nextGaussian();
      }
      input[r * inputWidth + trained.latentDim() + stage.condOffset() + 2] = 1;
    }
    float[] output = trained.generator().forward(input, rows);
    int honoured = 0;
    for (int r = 0; r < rows; r++) {
      int best = 0;
      for (int c = 1; c < stage.width(); c++) {
        if (output[r * 13 + stage.blockOffset() + c]
            > output[r * 13 + stage.blockOffset() + best]) {
          best = c;
        }
      }
      honoured += best == 2 ? 1 : 0;
    }
    // Stage 2 is about 27 % of the training rows; an ignored condition would give about that.
    assertThat(honoured)
        .as("rows generated with stage 2 when asked for stage 2")
        .isGreaterThan(rows * 6 / 10);
  }

  @Test
  void rejectsBadInputNamingTheParameter() {
    assertThatThrownBy(() -> GanSettings.builder().optBatchSize(105).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("multiple of pac 10")
        .satisfies(e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("batchSize"));
    assertThatThrownBy(
            () ->
                GanTrainer.train(
                    new float[12],
                    1,
                    TinyTable.LAYOUT,
                    small(GanSettings.Kind.CTGAN, 1),
                    1,
                    null,
                    null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected 1 x 13");
    float[] withNaN = DATA.clone();
    withNaN[20] = Float.NaN;
    assertThatThrownBy(
            () ->
                GanTrainer.train(
                    withNaN,
                    ROWS,
                    TinyTable.LAYOUT,
                    small(GanSettings.Kind.CTGAN, 1),
                    1,
                    null,
                    null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 2, position 7");
  }

  @Test
  void smallTablesGetSmallerBatchesAndMoreEpochs() {
    GanSettings small = GanSettings.forData(GanSettings.Kind.CTGAN, 300);
    assertThat(small.batchSize()).isLessThan(300).isGreaterThanOrEqualTo(50);
    assertThat(small.batchSize() % small.pac()).isZero();
    assertThat(small.epochs()).isGreaterThan(300);
    assertThat(small.generatorDims()).containsExactly(128, 128);
    assertThat(GanSettings.forData(GanSettings.Kind.CTGAN, 50_000))
        .isEqualTo(GanSettings.ctganDefaults());
    assertThat(GanSettings.forData(GanSettings.Kind.BASIC, 101).batchSize() % 2).isZero();
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
