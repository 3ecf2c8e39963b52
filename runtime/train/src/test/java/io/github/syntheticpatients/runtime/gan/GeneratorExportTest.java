package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratorExportTest {

  @ParameterizedTest
  @EnumSource(GanSettings.Kind.class)
  void exportedNetworkComputesWhatTheDjlNetworkComputes(GanSettings.Kind kind) {
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(7);
    JniUtils.setGradMode(false);
    try (NDManager manager = engine.newBaseManager()) {
      int inputWidth = 24;
      GeneratorNetwork network =
          new GeneratorNetwork(manager, kind, inputWidth, List.of(32, 16), 13);
      // Move every parameter away from its initial value, so batch-norm gamma and beta are exported
      // non-trivially,
      // and run training-mode passes on shifted inputs so that the running statistics are not 0 and
      // 1 either.
      for (NDArray parameter : network.parameters()) {
        parameter.addi(manager.randomNormal(0f, 0.3f, parameter.getShape(), DataType.FLOAT32));
      }
      for (int pass = 0; pass < 3; pass++) {
        network.forward(
            manager.randomNormal(0.5f, 2f, new Shape(32, inputWidth), DataType.FLOAT32), true);
      }
      int rows = 64;
      NDArray input = manager.randomNormal(0f, 1f, new Shape(rows, inputWidth), DataType.FLOAT32);
      float[] expected = network.forward(input, false).toFloatArray();

      MlpNetwork exported = network.export();
      float[] actual = exported.forward(input.toFloatArray(), rows);

      assertThat(exported.inputWidth()).isEqualTo(inputWidth);
      assertThat(exported.outputWidth()).isEqualTo(13);
      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i], within(1e-5f));
      }
    }
  }
}
