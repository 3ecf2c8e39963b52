package io.github.syntheticpatients.runtime.model;

import java.util.List;

/**
 * A generator network as a stack of {@link DenseLayer}s, evaluated in plain Java. This is what
 * sampling runs: no DJL and no native library. The training code builds the same stack in DJL and
 * exports its weights here; a test holds the two forward passes within 1e-5 of each other.
 *
 * <p>Written by hand because the forward pass is a few loops over float arrays and a library (ND4J,
 * DJL itself) would bring a native library that sampling must not need. The inner loops run over
 * the outputs, which HotSpot vectorises without changing any sum's order.
 */
public final class MlpNetwork {
  /** Rows pushed through the layers together, in two small activation buffers reused per block. */
  private static final int BLOCK_ROWS = 16;

  private final List<DenseLayer> layers;
  private final int inputWidth;
  private final int outputWidth;
  private final int widestActivation;

  /**
   * Each layer's weights split into one array per input row ({@code
   * weightRows[layer][input][output]}).
   */
  private final float[][][] weightRows;

  public MlpNetwork(List<DenseLayer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("A network needs at least one layer");
    }
    this.layers = List.copyOf(layers);
    this.inputWidth = layers.get(0).in();
    int width = inputWidth;
    int widest = inputWidth;
    for (DenseLayer layer : this.layers) {
      if (layer.in() != width) {
        throw new IllegalArgumentException(
            "Layer expects " + layer.in() + " inputs but receives " + width);
      }
      width = layer.outputWidth();
      widest = Math.max(widest, width);
    }
    this.outputWidth = width;
    this.widestActivation = widest;
    this.weightRows = new float[this.layers.size()][][];
    for (int l = 0; l < this.layers.size(); l++) {
      DenseLayer layer = this.layers.get(l);
      float[][] rowsOfLayer = new float[layer.in()][];
      for (int i = 0; i < layer.in(); i++) {
        rowsOfLayer[i] =
            java.util.Arrays.copyOfRange(layer.weight(), i * layer.out(), (i + 1) * layer.out());
      }
      weightRows[l] = rowsOfLayer;
    }
  }

  public List<DenseLayer> layers() {
    return layers;
  }

  public int inputWidth() {
    return inputWidth;
  }

  public int outputWidth() {
    return outputWidth;
  }

  /**
   * Runs the network on {@code rows} inputs.
   *
   * @param input {@code rows × inputWidth}, row-major
   * @param rows number of rows
   * @return {@code rows × outputWidth}, row-major (raw outputs: output activations are the
   *     sampler's job)
   */
  public float[] forward(float[] input, int rows) {
    if (input.length != rows * inputWidth) {
      throw new IllegalArgumentException(
          "Expected " + rows * inputWidth + " inputs, got " + input.length);
    }
    float[] output = new float[rows * outputWidth];
    float[][] current = new float[BLOCK_ROWS][widestActivation];
    float[][] next = new float[BLOCK_ROWS][widestActivation];
    // Per call, not per network: several sampler threads run forward at once.
    int[] inputIndices = new int[widestActivation];
    float[] inputValues = new float[widestActivation];
    for (int first = 0; first < rows; first += BLOCK_ROWS) {
      int count = Math.min(BLOCK_ROWS, rows - first);
      for (int r = 0; r < count; r++) {
        System.arraycopy(input, (first + r) * inputWidth, current[r], 0, inputWidth);
      }
      for (int l = 0; l < layers.size(); l++) {
        apply(layers.get(l), weightRows[l], current, next, count, inputIndices, inputValues);
        float[][] swap = current;
        current = next;
        next = swap;
      }
      for (int r = 0; r < count; r++) {
        System.arraycopy(current[r], 0, output, (first + r) * outputWidth, outputWidth);
      }
    }
    return output;
  }

  /**
   * One layer for a block of rows. Per output value the sum is the bias plus {@code x[i] * w[i][j]}
   * added one input at a time in input order, skipping zero inputs (ReLU makes about half of them
   * zero): that order is what fixes the output bits, so the loops below may only change how the
   * work is scheduled, never which additions happen or in what order.
   *
   * <p>Each row's non-zero inputs are gathered first, then four of them are added per pass over the
   * outputs, so the running sum stays in a register for four additions instead of being loaded and
   * stored for each (measured 1.5× faster than one input per pass; with six or eight inputs the
   * loop body grows past what HotSpot unrolls and vectorises, and it runs slower). The inner loops
   * index the weight rows and the activation row with the same {@code j}, which lets HotSpot's
   * auto-vectoriser use SIMD; Java forbids fusing the multiply and the add, so SIMD changes no
   * bits.
   */
  private static void apply(
      DenseLayer layer,
      float[][] weights,
      float[][] x,
      float[][] h,
      int rows,
      int[] inputIndices,
      float[] inputValues) {
    int in = layer.in();
    int out = layer.out();
    for (int r = 0; r < rows; r++) {
      float[] xr = x[r];
      int nonZero = 0;
      for (int i = 0; i < in; i++) {
        float xi = xr[i];
        if (xi != 0f) {
          inputIndices[nonZero] = i;
          inputValues[nonZero] = xi;
          nonZero++;
        }
      }
      float[] hr = h[r];
      System.arraycopy(layer.bias(), 0, hr, 0, out);
      int k = 0;
      for (; k + 4 <= nonZero; k += 4) {
        float[] w0 = weights[inputIndices[k]];
        float[] w1 = weights[inputIndices[k + 1]];
        float[] w2 = weights[inputIndices[k + 2]];
        float[] w3 = weights[inputIndices[k + 3]];
        float x0 = inputValues[k];
        float x1 = inputValues[k + 1];
        float x2 = inputValues[k + 2];
        float x3 = inputValues[k + 3];
        for (int j = 0; j < out; j++) {
          // Left to right: ((((h + x0·w0) + x1·w1) + x2·w2) + x3·w3), each step rounded to float.
          hr[j] = hr[j] + x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
        }
      }
      for (; k < nonZero; k++) {
        float[] w = weights[inputIndices[k]];
        float xi = inputValues[k];
        for (int j = 0; j < out; j++) {
          hr[j] += xi * w[j];
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      float[] hr = h[r];
      if (layer.layerNorm()) {
        normalise(hr, 0, out, layer.gamma(), layer.beta());
      }
      switch (layer.activation()) {
        case RELU -> {
          for (int j = 0; j < out; j++) {
            hr[j] = Math.max(hr[j], 0f);
          }
        }
        case LEAKY_RELU -> {
          for (int j = 0; j < out; j++) {
            hr[j] = hr[j] >= 0f ? hr[j] : hr[j] * DenseLayer.LEAKY_SLOPE;
          }
        }
        case NONE -> {}
      }
      if (layer.concatInput()) {
        System.arraycopy(x[r], 0, hr, out, in);
      }
    }
  }

  private static void normalise(float[] h, int offset, int n, float[] gamma, float[] beta) {
    double mean = 0;
    for (int j = 0; j < n; j++) {
      mean += h[offset + j];
    }
    mean /= n;
    double variance = 0;
    for (int j = 0; j < n; j++) {
      double d = h[offset + j] - mean;
      variance += d * d;
    }
    variance /= n;
    float scale = (float) (1.0 / Math.sqrt(variance + DenseLayer.LAYER_NORM_EPSILON));
    float m = (float) mean;
    for (int j = 0; j < n; j++) {
      h[offset + j] = (h[offset + j] - m) * scale * gamma[j] + beta[j];
    }
  }
}
