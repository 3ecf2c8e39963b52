package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.CsvTables;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CTGAN on the real pbc table through the project's encoder: a few epochs, then decode generated
 * rows.
 */
class PbcGanTest {

  @Test
  void trainsOnEncodedPbcAndGeneratesDecodableRows() {
    Table pbc = CsvTables.load("pbc");
    TableEncoder encoder = TableEncoderFitter.fit(pbc, EncoderSettings.defaults(), 1);
    EncodedLayout layout = encoder.layout();
    float[] data = encoder.encode(pbc, 1);
    GanSettings settings =
        GanSettings.forData(GanSettings.Kind.CTGAN, pbc.rowCount()).toBuilder()
            .optEpochs(4)
            .optGeneratorDims(List.of(64, 64))
            .optDiscriminatorDims(List.of(64, 64))
            .build();

    TrainedGenerator trained =
        GanTrainer.train(data, pbc.rowCount(), layout, settings, 3, null, null);

    assertThat(Arrays.stream(trained.generatorLosses()).allMatch(Double::isFinite)).isTrue();
    assertThat(trained.condition().columns())
        .extracting(ConditionColumn::column)
        .containsExactlyElementsOf(
            layout.categoryBlocks().stream().map(OutputBlock::column).toList());
    ConditionColumn sex =
        trained.condition().columns().stream()
            .filter(c -> c.column().equals("sex"))
            .findFirst()
            .orElseThrow();
    double[] sexColumn = pbc.column("sex");
    double female = Arrays.stream(sexColumn).filter(v -> v == 0).count() / (double) pbc.rowCount();
    assertThat(sex.frequencies()[0]).isCloseTo(female, within(1e-12));

    int rows = 200;
    Table generated = encoder.decode(activate(trained, layout, rows, new Random(4)), rows);
    assertThat(generated.rowCount()).isEqualTo(rows);
    assertThat(Arrays.stream(generated.column("sex")).allMatch(v -> v == 0 || v == 1)).isTrue();
  }

  /**
   * Plain-Java sampling as the model package does it: z ~ N(0, 1), a condition drawn by original
   * frequency.
   */
  private static float[] activate(
      TrainedGenerator trained, EncodedLayout layout, int rows, Random random) {
    int inputWidth = trained.generator().inputWidth();
    float[] input = new float[rows * inputWidth];
    List<ConditionColumn> columns = trained.condition().columns();
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < trained.latentDim(); j++) {
        input[r * inputWidth + j] = (float) random.nextGaussian();
      }
      ConditionColumn column = columns.get(random.nextInt(columns.size()));
      double u = random.nextDouble();
      int category = 0;
      for (double f : column.frequencies()) {
        u -= f;
        if (u < 0) {
          break;
        }
        category++;
      }
      input[
              r * inputWidth
                  + trained.latentDim()
                  + column.condOffset()
                  + Math.min(category, column.width() - 1)] =
          1;
    }
    float[] output = trained.generator().forward(input, rows);
    int width = layout.width();
    for (int r = 0; r < rows; r++) {
      for (OutputBlock block : layout.blocks()) {
        int o = r * width + block.offset();
        if (block.kind() == OutputBlock.Kind.SCALAR) {
          output[o] = (float) Math.tanh(output[o]);
        } else {
          int best = 0;
          for (int c = 1; c < block.width(); c++) {
            best = output[o + c] > output[o + best] ? c : best;
          }
          Arrays.fill(output, o, o + block.width(), 0f);
          output[o + best] = 1;
        }
      }
    }
    return output;
  }
}
