package io.github.syntheticpatients.runtime.model;

import java.util.Objects;

/**
 * One unidirectional LSTM layer as the plain-Java forward pass runs it, with PyTorch's gate order
 * (input, forget, cell, output) and weights in {@link DenseLayer}'s {@code x · W} convention:
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
 * @param recurrentWeight {@code hidden × 4·hidden}, row-major (PyTorch's {@code weight_hh}
 *     transposed)
 * @param bias {@code 4·hidden} ({@code bias_ih + bias_hh})
 * @see LstmKernel the forward pass
 */
public record LstmLayer(
    int in, int hidden, float[] inputWeight, float[] recurrentWeight, float[] bias) {

  public LstmLayer {
    Objects.requireNonNull(inputWeight, "inputWeight");
    Objects.requireNonNull(recurrentWeight, "recurrentWeight");
    Objects.requireNonNull(bias, "bias");
    if (in < 1 || hidden < 1) {
      throw new IllegalArgumentException(
          "An LSTM layer needs positive widths, got in " + in + ", hidden " + hidden);
    }
    int gates = 4 * hidden;
    if (inputWeight.length != in * gates
        || recurrentWeight.length != hidden * gates
        || bias.length != gates) {
      throw new IllegalArgumentException(
          "LSTM layer "
              + in
              + "->"
              + hidden
              + " needs weights of "
              + in * gates
              + ", "
              + hidden * gates
              + " and "
              + gates
              + " values, got "
              + inputWeight.length
              + ", "
              + recurrentWeight.length
              + " and "
              + bias.length);
    }
  }
}
