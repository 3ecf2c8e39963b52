package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticNetworkTest {

  /**
   * The hand-written input gradient must equal autograd's (a plain first-order backward) with the
   * same masks.
   */
  @Test
  void inputGradientMatchesAutograd() {
    assertInputGradientMatchesAutograd(0.5, false);
  }

  /** The same with layer norm in each hidden layer, with and without dropout. */
  @Test
  void inputGradientWithLayerNormMatchesAutograd() {
    assertInputGradientMatchesAutograd(0, true);
    assertInputGradientMatchesAutograd(0.5, true);
  }

  /** Layer norm's scale and shift are trained: they follow each layer's weight and bias. */
  @Test
  void layerNormAddsScaleAndShiftPerHiddenLayer() {
    Engine engine = DjlEngine.engine();
    try (NDManager manager = engine.newBaseManager()) {
      assertThat(new CriticNetwork(manager, 20, List.of(16, 8), 0, false).parameters()).hasSize(6);
      List<NDArray> normalised =
          new CriticNetwork(manager, 20, List.of(16, 8), 0, true).parameters();
      assertThat(normalised).hasSize(10);
      assertThat(normalised.get(2).getShape()).isEqualTo(new Shape(16));
      assertThat(normalised.get(3).getShape()).isEqualTo(new Shape(16));
    }
  }

  private static void assertInputGradientMatchesAutograd(double dropout, boolean layerNorm) {
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(11);
    JniUtils.setGradMode(false);
    try (NDManager manager = engine.newBaseManager()) {
      CriticNetwork critic = new CriticNetwork(manager, 20, List.of(16, 8), dropout, layerNorm);
      if (layerNorm) {
        // Away from scale 1 and shift 0, so that γ and β take part in the check.
        for (NDArray p : critic.parameters()) {
          if (p.getShape().dimension() == 1) {
            p.set(manager.randomUniform(0.5f, 1.5f, p.getShape(), DataType.FLOAT32).toFloatArray());
          }
        }
      }
      NDArray x = manager.randomNormal(0f, 1f, new Shape(6, 20), DataType.FLOAT32);
      x.setRequiresGradient(true);
      float[] handWritten;
      try (GradientCollector collector = engine.newGradientCollector()) {
        CriticNetwork.Pass pass = critic.forward(x, true);
        handWritten = critic.inputGradient(pass).toFloatArray();
        collector.backward(pass.score().sum());
      }
      float[] autograd = x.getGradient().toFloatArray();
      assertThat(handWritten).hasSameSizeAs(autograd);
      double magnitude = 0;
      for (int i = 0; i < autograd.length; i++) {
        assertThat(handWritten[i]).as("d score / d x[%d]", i).isCloseTo(autograd[i], within(1e-5f));
        magnitude += Math.abs(autograd[i]);
      }
      assertThat(magnitude).as("the gradient is not trivially zero").isGreaterThan(0.1);
    }
  }
}
