package io.github.syntheticpatients.runtime.model;

import java.util.Objects;

/**
 * One unidirectional LSTM layer as the plain-Java forward pass runs it, with PyTorch's gate order (input, forget,
 * cell, output) and weights in {@link DenseLayer}'s {@code x · W} convention:
 *
 * <pre>
 *   a = x_t · Wx + h_{t−1} · Wh + b          (4 × hidden values: i, f, g, o)
 *   c_t = σ(f) ⊙ c_{t−1} + σ(i) ⊙ tanh(g)
 *   h_t = σ(o) ⊙ tanh(c_t)                    (h_{−1} = c_{−1} = 0)
 * </pre>
 *
 * @param in input width
 * @param hidden hidden (and cell) width
 * @param inputWeight {@code in × 4·hidden}, row-major (PyTorch's {@code weight_ih} transposed)
 * @param recurrentWeight {@code hidden × 4·hidden}, row-major (PyTorch's {@code weight_hh} transposed)
 * @param bias {@code 4·hidden} ({@code bias_ih + bias_hh})
 */
public record LstmLayer(int in, int hidden, float[] inputWeight, float[] recurrentWeight, float[] bias) {

  public LstmLayer {
    Objects.requireNonNull(inputWeight, "inputWeight");
    Objects.requireNonNull(recurrentWeight, "recurrentWeight");
    Objects.requireNonNull(bias, "bias");
    if (in < 1 || hidden < 1) {
      throw new IllegalArgumentException("An LSTM layer needs positive widths, got in " + in + ", hidden " + hidden);
    }
    int gates = 4 * hidden;
    if (inputWeight.length != in * gates || recurrentWeight.length != hidden * gates || bias.length != gates) {
      throw new IllegalArgumentException("LSTM layer " + in + "->" + hidden + " needs weights of " + in * gates
          + ", " + hidden * gates + " and " + gates + " values, got " + inputWeight.length + ", "
          + recurrentWeight.length + " and " + bias.length);
    }
  }

  /**
   * Runs the layer over {@code length} steps of {@code input} ({@code length × in}, row-major) and writes the hidden
   * states ({@code length × hidden}) into {@code output}. With {@code reversed} the steps are taken from the last
   * to the first, and the state computed at step {@code t} is still written to row {@code t}: row {@code t} then
   * summarises steps {@code t … length−1}, which is how the backward half of a bidirectional layer reads.
   */
  void run(float[] input, int length, boolean reversed, float[] output) {
    int gates = 4 * hidden;
    float[] a = new float[gates];
    float[] h = new float[hidden];
    float[] c = new float[hidden];
    for (int s = 0; s < length; s++) {
      int t = reversed ? length - 1 - s : s;
      System.arraycopy(bias, 0, a, 0, gates);
      accumulate(input, t * in, in, inputWeight, a);
      accumulate(h, 0, hidden, recurrentWeight, a);
      for (int j = 0; j < hidden; j++) {
        float i = sigmoid(a[j]);
        float f = sigmoid(a[hidden + j]);
        float g = (float) Math.tanh(a[2 * hidden + j]);
        float o = sigmoid(a[3 * hidden + j]);
        c[j] = f * c[j] + i * g;
        h[j] = o * (float) Math.tanh(c[j]);
      }
      System.arraycopy(h, 0, output, t * hidden, hidden);
    }
  }

  /** {@code a += x[offset … offset+n) · W}, W being {@code n × a.length}; the inner loop is SIMD-friendly. */
  private static void accumulate(float[] x, int offset, int n, float[] weight, float[] a) {
    int width = a.length;
    for (int i = 0; i < n; i++) {
      float xi = x[offset + i];
      if (xi == 0f) {
        continue;
      }
      int row = i * width;
      for (int j = 0; j < width; j++) {
        a[j] += xi * weight[row + j];
      }
    }
  }

  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }
}
