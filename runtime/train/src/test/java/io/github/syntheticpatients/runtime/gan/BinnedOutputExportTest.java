package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.CsvTables;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generator's output heads over a real table's encoding, DJL against the plain-Java export: the
 * exported network's raw outputs, activated in Java (tanh, softmax per block), equal what training
 * activates in DJL, for every numeric encoding (the binned one's BIN blocks included), and decode
 * to the same rows.
 */
class BinnedOutputExportTest {

  @ParameterizedTest
  @EnumSource(EncoderSettings.NumericEncoding.class)
  void exportedHeadsComputeWhatTrainingComputes(EncoderSettings.NumericEncoding encoding) {
    Table pbc = CsvTables.load("pbc");
    TableEncoder encoder =
        TableEncoderFitter.fit(pbc, EncoderSettings.defaults().withNumericEncoding(encoding), 1);
    EncodedLayout layout = encoder.layout();
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(11);
    JniUtils.setGradMode(false);
    try (NDManager manager = engine.newBaseManager()) {
      int inputWidth = 20;
      GeneratorNetwork network =
          new GeneratorNetwork(
              manager, GanSettings.Kind.CTGAN, inputWidth, List.of(32, 32), layout.width());
      for (NDArray parameter : network.parameters()) {
        parameter.addi(manager.randomNormal(0f, 0.3f, parameter.getShape(), DataType.FLOAT32));
      }
      int rows = 64;
      NDArray input = manager.randomNormal(0f, 1f, new Shape(rows, inputWidth), DataType.FLOAT32);
      NDArray raw = network.forward(input, false);
      float[] expected =
          new OutputActivation(layout, ConditionVector.NONE).activate(raw, null).toFloatArray();

      MlpNetwork exported = network.export();
      float[] actual = activate(exported.forward(input.toFloatArray(), rows), layout, rows);

      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i], within(1e-5f));
      }
      // Decoding is a function of the activations; the choices (categories, bins, missingness)
      // agree exactly, a scalar may differ in its last float bits.
      for (OutputBlock block : layout.blocks()) {
        if (block.kind() == OutputBlock.Kind.SOFTMAX) {
          for (int r = 0; r < rows; r++) {
            int start = r * layout.width() + block.offset();
            assertThat(argmax(actual, start, block.width()))
                .as("%s row %d", block, r)
                .isEqualTo(argmax(expected, start, block.width()));
          }
        }
      }
      if (encoding == EncoderSettings.NumericEncoding.BINS) {
        assertThat(layout.blocks()).anyMatch(b -> b.role() == OutputBlock.Role.BIN);
      }
    }
  }

  private static int argmax(float[] values, int start, int width) {
    int best = 0;
    for (int k = 1; k < width; k++) {
      if (values[start + k] > values[start + best]) {
        best = k;
      }
    }
    return best;
  }

  /** tanh on scalars and a softmax per SOFTMAX block, in plain Java. */
  private static float[] activate(float[] raw, EncodedLayout layout, int rows) {
    float[] out = new float[raw.length];
    int width = layout.width();
    for (int r = 0; r < rows; r++) {
      for (OutputBlock block : layout.blocks()) {
        int start = r * width + block.offset();
        if (block.kind() == OutputBlock.Kind.SCALAR) {
          out[start] = (float) Math.tanh(raw[start]);
          continue;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < block.width(); k++) {
          max = Math.max(max, raw[start + k]);
        }
        double sum = 0;
        for (int k = 0; k < block.width(); k++) {
          sum += Math.exp(raw[start + k] - max);
        }
        for (int k = 0; k < block.width(); k++) {
          out[start + k] = (float) (Math.exp(raw[start + k] - max) / sum);
        }
      }
    }
    return out;
  }
}
