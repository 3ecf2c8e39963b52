package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.model.DenseLayer.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forward pass must give the same bits as the plainest reading of its contract
 * (docs/numerics.md): per output, the bias plus {@code x[i] * w[i][j]} added one non-zero input at
 * a time in input order. The reference below is that reading, one row and one output at a time, so
 * any reordering in the optimised loops shows up here as a different bit.
 */
class MlpNetworkSummationOrderTest {

  private static final float[] SPECIAL_INPUTS = {
    0f, -0f, 0f, 1e-40f, -1e-40f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN
  };

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void residualNetworkGivesTheReferenceBits(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int latent = 7 + random.nextInt(20);
    int condition = random.nextInt(12);
    int inputWidth = latent + condition;
    List<DenseLayer> layers = new ArrayList<>();
    layers.add(layer(random, inputWidth, 33, Activation.RELU, true, false, false));
    layers.add(layer(random, inputWidth + 33, 18, Activation.RELU, true, false, false));
    layers.add(layer(random, inputWidth + 51, 9, Activation.NONE, false, false, false));
    // 37 rows: two full blocks of 16 and a short one; the non-zero counts vary per row, so every
    // remainder after the groups of four occurs.
    int rows = 37;
    float[] input = new float[rows * inputWidth];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < latent; i++) {
        input[r * inputWidth + i] = random.nextInt(4) == 0 ? 0f : (float) random.nextGaussian();
      }
      if (condition > 0) {
        input[r * inputWidth + latent + random.nextInt(condition)] = 1f;
      }
    }
    assertSameBits(new MlpNetwork(layers), layers, input, rows);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void leakyLayerNormNetworkWithSpecialValuesGivesTheReferenceBits(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int inputWidth = 13;
    List<DenseLayer> layers = new ArrayList<>();
    // Negative-zero biases and a non-finite weight: the cases where skipping a zero input is not
    // the same as adding 0 · w, so such a layer must not pair rows; the middle layer pairs them,
    // with NaN and infinite inputs.
    layers.add(layer(random, inputWidth, 10, Activation.LEAKY_RELU, false, true, true));
    layers.add(layer(random, 10, 6, Activation.LEAKY_RELU, true, true, false));
    layers.add(layer(random, 16, 5, Activation.NONE, false, false, true));
    int rows = 21;
    float[] input = new float[rows * inputWidth];
    for (int k = 0; k < input.length; k++) {
      input[k] =
          random.nextInt(3) == 0
              ? SPECIAL_INPUTS[random.nextInt(SPECIAL_INPUTS.length)]
              : (float) random.nextGaussian();
    }
    assertSameBits(new MlpNetwork(layers), layers, input, rows);
  }

  /**
   * Enough rows for the column-wise pass (blocks of 512, here one full block and one of 189), odd
   * widths, LeakyReLU, special inputs, a condition category no row takes (an input zero in every
   * row) and condition inputs zero in most rows: the pass that adds {@code 0 · w} where the
   * row-wise one skips must give the same bits.
   */
  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void columnWisePassGivesTheReferenceBits(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int latent = 9 + random.nextInt(8);
    int condition = 5;
    int inputWidth = latent + condition;
    List<DenseLayer> layers = new ArrayList<>();
    layers.add(layer(random, inputWidth, 37, Activation.RELU, true, false, false));
    layers.add(layer(random, inputWidth + 37, 21, Activation.LEAKY_RELU, true, false, false));
    layers.add(layer(random, inputWidth + 58, 11, Activation.NONE, false, false, false));
    int rows = 701;
    float[] input = new float[rows * inputWidth];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < latent; i++) {
        input[r * inputWidth + i] =
            random.nextInt(5) == 0
                ? SPECIAL_INPUTS[random.nextInt(SPECIAL_INPUTS.length)]
                : (float) random.nextGaussian();
      }
      // Category 0 is never taken.
      input[r * inputWidth + latent + 1 + random.nextInt(condition - 1)] = 1f;
    }
    assertSameBits(new MlpNetwork(layers), layers, input, rows);
  }

  private static void assertSameBits(
      MlpNetwork network, List<DenseLayer> layers, float[] input, int rows) {
    float[] actual = network.forward(input, rows);
    float[] expected = reference(layers, input, rows);
    assertThat(actual).hasSameSizeAs(expected);
    for (int k = 0; k < expected.length; k++) {
      // floatToIntBits: every NaN counts as one value (the payload is the CPU's, not ours).
      assertThat(Float.floatToIntBits(actual[k]))
          .as("output %d: %s vs reference %s", k, actual[k], expected[k])
          .isEqualTo(Float.floatToIntBits(expected[k]));
    }
  }

  private static float[] reference(List<DenseLayer> layers, float[] input, int rows) {
    int inputWidth = layers.get(0).in();
    int outputWidth = layers.get(layers.size() - 1).outputWidth();
    float[] output = new float[rows * outputWidth];
    for (int r = 0; r < rows; r++) {
      float[] x = java.util.Arrays.copyOfRange(input, r * inputWidth, (r + 1) * inputWidth);
      for (DenseLayer layer : layers) {
        x = referenceLayer(layer, x);
      }
      System.arraycopy(x, 0, output, r * outputWidth, outputWidth);
    }
    return output;
  }

  private static float[] referenceLayer(DenseLayer layer, float[] x) {
    int in = layer.in();
    int out = layer.out();
    float[] h = new float[layer.outputWidth()];
    for (int j = 0; j < out; j++) {
      float sum = layer.bias()[j];
      for (int i = 0; i < in; i++) {
        if (x[i] != 0f) {
          sum += x[i] * layer.weight()[i * out + j];
        }
      }
      h[j] = sum;
    }
    if (layer.layerNorm()) {
      double mean = 0;
      for (int j = 0; j < out; j++) {
        mean += h[j];
      }
      mean /= out;
      double variance = 0;
      for (int j = 0; j < out; j++) {
        variance += (h[j] - mean) * (h[j] - mean);
      }
      variance /= out;
      float scale = (float) (1.0 / Math.sqrt(variance + DenseLayer.LAYER_NORM_EPSILON));
      for (int j = 0; j < out; j++) {
        h[j] = (h[j] - (float) mean) * scale * layer.gamma()[j] + layer.beta()[j];
      }
    }
    for (int j = 0; j < out; j++) {
      h[j] =
          switch (layer.activation()) {
            case RELU -> Math.max(h[j], 0f);
            case LEAKY_RELU -> h[j] >= 0f ? h[j] : h[j] * DenseLayer.LEAKY_SLOPE;
            case NONE -> h[j];
          };
    }
    if (layer.concatInput()) {
      System.arraycopy(x, 0, h, out, in);
    }
    return h;
  }

  private static DenseLayer layer(
      SplittableRandom random,
      int in,
      int out,
      Activation activation,
      boolean concatInput,
      boolean layerNorm,
      boolean specialValues) {
    float[] weight = new float[in * out];
    for (int k = 0; k < weight.length; k++) {
      weight[k] = (float) (random.nextGaussian() / Math.sqrt(in));
    }
    float[] bias = new float[out];
    for (int j = 0; j < out; j++) {
      bias[j] = (float) random.nextGaussian() * 0.1f;
    }
    if (specialValues) {
      bias[0] = -0f;
      bias[out - 1] = -0f;
      weight[random.nextInt(weight.length)] = Float.NEGATIVE_INFINITY;
    }
    float[] gamma = null;
    float[] beta = null;
    if (layerNorm) {
      gamma = new float[out];
      beta = new float[out];
      for (int j = 0; j < out; j++) {
        gamma[j] = 1f + (float) random.nextGaussian() * 0.1f;
        beta[j] = (float) random.nextGaussian() * 0.1f;
      }
    }
    return new DenseLayer(in, out, weight, bias, layerNorm, gamma, beta, activation, concatInput);
  }
}
