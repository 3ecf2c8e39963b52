package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one-backward-pass clipping must give what clipping each record's own gradient gives: the
 * reference runs a microbatch of one row per record through plain autograd.
 */
class PerRecordClippingTest {
  private static final int ROWS = 9;
  private static final int WIDTH = 12;

  @Test
  void matchesMicrobatchesOfOne() {
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(5);
    JniUtils.setGradMode(false);
    try (NDManager manager = engine.newBaseManager()) {
      CriticNetwork critic = new CriticNetwork(manager, WIDTH, List.of(16, 8), 0);
      List<NDArray> parameters = critic.parameters();
      NDArray x = manager.randomNormal(0f, 1f, new Shape(ROWS, WIDTH), DataType.FLOAT32);
      float[] rows = x.toFloatArray();

      // Reference: each record's gradient of −D(x_i) alone, its joint norm, then the clipped sum.
      double[] norms = new double[ROWS];
      float[][][] gradients = new float[ROWS][parameters.size()][];
      for (int i = 0; i < ROWS; i++) {
        try (NDManager scope = manager.newSubManager()) {
          float[] row = java.util.Arrays.copyOfRange(rows, i * WIDTH, (i + 1) * WIDTH);
          NDArray one = scope.create(row, new Shape(1, WIDTH));
          try (GradientCollector collector = engine.newGradientCollector()) {
            for (NDArray p : parameters) {
              JniUtils.zeroGrad((PtNDArray) p);
            }
            collector.backward(critic.forward(one, false).score().sum().neg());
          }
          double squares = 0;
          for (int p = 0; p < parameters.size(); p++) {
            gradients[i][p] = parameters.get(p).getGradient().toFloatArray();
            for (float g : gradients[i][p]) {
              squares += (double) g * g;
            }
          }
          norms[i] = Math.sqrt(squares);
        }
      }
      double[] sorted = norms.clone();
      java.util.Arrays.sort(sorted);
      // A clip norm between the smallest and the largest norm: some records clipped, some not.
      double clipNorm = sorted[ROWS / 2];
      double[][] expected = new double[parameters.size()][];
      int expectedClipped = 0;
      for (int i = 0; i < ROWS; i++) {
        double scale = Math.min(1, clipNorm / (norms[i] + 1e-6));
        expectedClipped += scale < 1 ? 1 : 0;
        for (int p = 0; p < parameters.size(); p++) {
          if (expected[p] == null) {
            expected[p] = new double[gradients[i][p].length];
          }
          for (int k = 0; k < expected[p].length; k++) {
            expected[p][k] += scale * gradients[i][p][k];
          }
        }
      }

      PerRecordClipping.Clipped clipped;
      try (NDManager scope = manager.newSubManager()) {
        clipped =
            PerRecordClipping.criticRealTerm(
                engine, critic, scope.create(rows, new Shape(ROWS, WIDTH)), clipNorm);
      }

      assertThat(expectedClipped).isBetween(1, ROWS - 1);
      assertThat(clipped.clipped()).isEqualTo(expectedClipped);
      for (int i = 0; i < ROWS; i++) {
        assertThat(clipped.norms()[i]).as("norm of record %d", i).isCloseTo(norms[i], within(1e-5));
      }
      assertThat(clipped.sum().length).isEqualTo(parameters.size());
      for (int p = 0; p < parameters.size(); p++) {
        assertThat(clipped.sum()[p]).hasSize(expected[p].length);
        for (int k = 0; k < expected[p].length; k++) {
          assertThat((double) clipped.sum()[p][k])
              .as("parameter %d, value %d", p, k)
              .isCloseTo(expected[p][k], within(1e-5));
        }
      }
    }
  }
}
