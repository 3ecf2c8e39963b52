package io.github.syntheticpatients.runtime.model;

import java.util.List;

/**
 * A generator network as a stack of {@link DenseLayer}s, evaluated in plain Java. This is what sampling runs:
 * no DJL and no native library. The training code builds the same stack in DJL and exports its weights here; a
 * test holds the two forward passes within 1e-5 of each other.
 *
 * <p>Written by hand because the forward pass is a few loops over float arrays and a library (ND4J, DJL itself)
 * would bring a native library that sampling must not need. The inner loop is the {@code out[j] += x * w[j]}
 * form, which HotSpot vectorises.
 */
public final class MlpNetwork {
  private final List<DenseLayer> layers;
  private final int inputWidth;
  private final int outputWidth;
  private final int widestActivation;

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
        throw new IllegalArgumentException("Layer expects " + layer.in() + " inputs but receives " + width);
      }
      width = layer.outputWidth();
      widest = Math.max(widest, width);
    }
    this.outputWidth = width;
    this.widestActivation = widest;
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
   * @return {@code rows × outputWidth}, row-major (raw outputs: output activations are the sampler's job)
   */
  public float[] forward(float[] input, int rows) {
    if (input.length != rows * inputWidth) {
      throw new IllegalArgumentException("Expected " + rows * inputWidth + " inputs, got " + input.length);
    }
    float[] output = new float[rows * outputWidth];
    float[] current = new float[widestActivation];
    float[] next = new float[widestActivation];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(input, r * inputWidth, current, 0, inputWidth);
      for (DenseLayer layer : layers) {
        apply(layer, current, next);
        float[] swap = current;
        current = next;
        next = swap;
      }
      System.arraycopy(current, 0, output, r * outputWidth, outputWidth);
    }
    return output;
  }

  private static void apply(DenseLayer layer, float[] x, float[] h) {
    int in = layer.in();
    int out = layer.out();
    float[] w = layer.weight();
    System.arraycopy(layer.bias(), 0, h, 0, out);
    for (int i = 0; i < in; i++) {
      float xi = x[i];
      if (xi == 0f) {
        continue;
      }
      int base = i * out;
      for (int j = 0; j < out; j++) {
        h[j] += xi * w[base + j];
      }
    }
    if (layer.layerNorm()) {
      normalise(h, out, layer.gamma(), layer.beta());
    }
    switch (layer.activation()) {
      case RELU -> {
        for (int j = 0; j < out; j++) {
          h[j] = Math.max(h[j], 0f);
        }
      }
      case LEAKY_RELU -> {
        for (int j = 0; j < out; j++) {
          h[j] = h[j] >= 0f ? h[j] : h[j] * DenseLayer.LEAKY_SLOPE;
        }
      }
      case NONE -> {}
    }
    if (layer.concatInput()) {
      System.arraycopy(x, 0, h, out, in);
    }
  }

  private static void normalise(float[] h, int n, float[] gamma, float[] beta) {
    double mean = 0;
    for (int j = 0; j < n; j++) {
      mean += h[j];
    }
    mean /= n;
    double variance = 0;
    for (int j = 0; j < n; j++) {
      double d = h[j] - mean;
      variance += d * d;
    }
    variance /= n;
    float scale = (float) (1.0 / Math.sqrt(variance + DenseLayer.LAYER_NORM_EPSILON));
    float m = (float) mean;
    for (int j = 0; j < n; j++) {
      h[j] = (h[j] - m) * scale * gamma[j] + beta[j];
    }
  }
}
