package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.model.DenseLayer.Activation;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MlpNetworkTest {

  /**
   * Layer 0: 2 → 2, layer norm (gamma [2, 1], beta [0, 0.5]), ReLU, input appended (width 4). Layer
   * 1: 4 → 1, LeakyReLU.
   */
  private static MlpNetwork tinyNetwork() {
    DenseLayer first =
        new DenseLayer(
            2,
            2,
            new float[] {1f, 0f, 0.5f, -1f},
            new float[] {0.5f, 0f},
            true,
            new float[] {2f, 1f},
            new float[] {0f, 0.5f},
            Activation.RELU,
            true);
    DenseLayer second =
        new DenseLayer(
            4,
            1,
            new float[] {1f, 3f, -2f, -1f},
            new float[] {0.5f},
            false,
            null,
            null,
            Activation.LEAKY_RELU,
            false);
    return new MlpNetwork(List.of(first, second));
  }

  @Test
  void forwardMatchesAHandComputation() {
    MlpNetwork network = tinyNetwork();
    assertThat(network.inputWidth()).isEqualTo(2);
    assertThat(network.outputWidth()).isEqualTo(1);

    // x = [1, 2]: h = x·W + b = [1 + 1 + 0.5, -2] = [2.5, -2]; mean 0.25, biased variance 2.25²;
    // normalised = ±2.25 / sqrt(2.25² + 1e-5) = ±s; scaled [2s, -s + 0.5]; ReLU [2s, 0]; with x:
    // [2s, 0, 1, 2].
    // Layer 1: 2s·1 + 0·3 + 1·(-2) + 2·(-1) + 0.5 = 2s - 3.5 < 0, so LeakyReLU gives 0.2·(2s -
    // 3.5).
    double s = 2.25 / Math.sqrt(2.25 * 2.25 + 1e-5);
    float[] out = network.forward(new float[] {1f, 2f}, 1);
    assertThat(out).hasSize(1);
    assertThat(out[0]).isCloseTo((float) (0.2 * (2 * s - 3.5)), within(1e-6f));

    // x = [3, 0]: h = [3.5, 0]; mean 1.75; normalised ±s' with s' = 1.75/sqrt(1.75² + 1e-5): [2s',
    // -s' + 0.5];
    // ReLU [2s', 0]; with x: [2s', 0, 3, 0]; layer 1: 2s' - 6 + 0.5 < 0, LeakyReLU 0.2·(2s' - 5.5).
    double t = 1.75 / Math.sqrt(1.75 * 1.75 + 1e-5);
    float[] two = network.forward(new float[] {1f, 2f, 3f, 0f}, 2);
    assertThat(two[0]).isCloseTo(out[0], within(0f));
    assertThat(two[1]).isCloseTo((float) (0.2 * (2 * t - 5.5)), within(1e-6f));
  }

  @Test
  void positiveOutputPassesLeakyReluUnchanged() {
    DenseLayer only =
        new DenseLayer(
            2,
            2,
            new float[] {1f, -1f, 2f, 1f},
            new float[] {0f, 0f},
            false,
            null,
            null,
            Activation.LEAKY_RELU,
            false);
    float[] out = new MlpNetwork(List.of(only)).forward(new float[] {1f, 1f}, 1);
    // [1 + 2, -1 + 1] = [3, 0]
    assertThat(out).containsExactly(3f, 0f);
    DenseLayer relu =
        new DenseLayer(
            1,
            2,
            new float[] {1f, -1f},
            new float[] {0f, 0f},
            false,
            null,
            null,
            Activation.RELU,
            false);
    assertThat(new MlpNetwork(List.of(relu)).forward(new float[] {2f}, 1)).containsExactly(2f, 0f);
    DenseLayer leaky =
        new DenseLayer(
            1,
            2,
            new float[] {1f, -1f},
            new float[] {0f, 0f},
            false,
            null,
            null,
            Activation.LEAKY_RELU,
            false);
    assertThat(new MlpNetwork(List.of(leaky)).forward(new float[] {2f}, 1))
        .containsExactly(2f, -0.4f);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 37, 100})
  void blockedForwardEqualsARowAtATimeReference(int rows) {
    SplittableRandom random = new SplittableRandom(rows + 11L);
    int input = 12;
    List<DenseLayer> layers =
        List.of(
            TestModels.layer(random, input, 20, true, Activation.RELU, true),
            TestModels.layer(random, 20 + input, 9, true, Activation.LEAKY_RELU, true),
            TestModels.layer(random, 9 + 20 + input, 7, false, Activation.NONE, false));
    MlpNetwork network = new MlpNetwork(layers);
    float[] x = TestModels.randoms(random, rows * input, 1.0);
    for (int i = 0; i < x.length; i += 5) {
      x[i] = 0f; // exercise the zero-input shortcut
    }

    float[] blocked = network.forward(x, rows);

    assertThat(blocked).hasSize(rows * 7);
    for (int r = 0; r < rows; r++) {
      float[] row = new float[input];
      System.arraycopy(x, r * input, row, 0, input);
      float[] expected = reference(layers, row);
      float[] actual = new float[7];
      System.arraycopy(blocked, r * 7, actual, 0, 7);
      assertThat(actual).as("row %d of %d", r, rows).containsExactly(expected);
    }
  }

  /** The layer equations of {@link DenseLayer}, one row, sums over the inputs in order. */
  private static float[] reference(List<DenseLayer> layers, float[] x) {
    float[] current = x;
    for (DenseLayer layer : layers) {
      float[] h = layer.bias().clone();
      for (int j = 0; j < layer.out(); j++) {
        for (int i = 0; i < layer.in(); i++) {
          h[j] += current[i] * layer.weight()[i * layer.out() + j];
        }
      }
      if (layer.layerNorm()) {
        double mean = 0;
        for (float v : h) {
          mean += v;
        }
        mean /= h.length;
        double variance = 0;
        for (float v : h) {
          variance += (v - mean) * (v - mean);
        }
        variance /= h.length;
        float scale = (float) (1.0 / Math.sqrt(variance + DenseLayer.LAYER_NORM_EPSILON));
        for (int j = 0; j < h.length; j++) {
          h[j] = (h[j] - (float) mean) * scale * layer.gamma()[j] + layer.beta()[j];
        }
      }
      for (int j = 0; j < h.length; j++) {
        h[j] =
            switch (layer.activation()) {
              case RELU -> Math.max(h[j], 0f);
              case LEAKY_RELU -> h[j] >= 0f ? h[j] : h[j] * DenseLayer.LEAKY_SLOPE;
              case NONE -> h[j];
            };
      }
      if (layer.concatInput()) {
        float[] joined = new float[h.length + current.length];
        System.arraycopy(h, 0, joined, 0, h.length);
        System.arraycopy(current, 0, joined, h.length, current.length);
        h = joined;
      }
      current = h;
    }
    return current;
  }

  @Test
  void mismatchedShapesAreRejected() {
    DenseLayer a =
        new DenseLayer(2, 3, new float[6], new float[3], false, null, null, Activation.NONE, false);
    DenseLayer b =
        new DenseLayer(4, 1, new float[4], new float[1], false, null, null, Activation.NONE, false);
    assertThatThrownBy(() -> new MlpNetwork(List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expects 4 inputs but receives 3");
    assertThatThrownBy(() -> new MlpNetwork(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MlpNetwork(List.of(a)).forward(new float[5], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Expected 4 inputs");
    assertThatThrownBy(
            () ->
                new DenseLayer(
                    2, 2, new float[4], new float[2], true, null, null, Activation.NONE, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gamma and beta");
  }
}
