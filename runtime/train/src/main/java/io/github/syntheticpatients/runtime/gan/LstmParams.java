package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.github.syntheticpatients.runtime.model.LstmLayer;
import java.util.List;

/**
 * The parameters of one unidirectional, single-layer LSTM as plain NDArrays in PyTorch's layout
 * ({@code weight_ih} {@code 4H × in}, {@code weight_hh} {@code 4H × H}, {@code bias_ih}, {@code
 * bias_hh}; gates i, f, g, o). Initialised like {@code nn.LSTM}: everything uniform in ±1/√H. Two
 * of these make the bidirectional layer: DJL's own bidirectional LSTM passes biased parameters in
 * the wrong order and crashes.
 *
 * <p>The step is composed from matrix products and element-wise gates, never libtorch's fused
 * {@code lstm} op. That op runs as a oneDNN RNN primitive picked by the CPU and the grad mode, and
 * on AVX-512 its inference kernel computes another function for hidden sizes up to 16 (off by 0.1
 * from the first step; docs/numerics.md). Composed, training's forward and backward pass, any DJL
 * forward pass and the exported {@link io.github.syntheticpatients.runtime.model.LstmKernel}
 * compute the same LSTM on any CPU, to float rounding.
 */
final class LstmParams {
  final int in;
  final int hidden;
  private final NDArray inputWeight;
  private final NDArray recurrentWeight;
  private final NDArray inputBias;
  private final NDArray recurrentBias;

  LstmParams(NDManager manager, int in, int hidden) {
    this.in = in;
    this.hidden = hidden;
    float bound = (float) (1 / Math.sqrt(hidden));
    inputWeight =
        manager.randomUniform(-bound, bound, new Shape(4L * hidden, in), DataType.FLOAT32);
    recurrentWeight =
        manager.randomUniform(-bound, bound, new Shape(4L * hidden, hidden), DataType.FLOAT32);
    inputBias = manager.randomUniform(-bound, bound, new Shape(4L * hidden), DataType.FLOAT32);
    recurrentBias = manager.randomUniform(-bound, bound, new Shape(4L * hidden), DataType.FLOAT32);
    for (NDArray parameter : parameters()) {
      parameter.setRequiresGradient(true);
    }
  }

  List<NDArray> parameters() {
    return List.of(inputWeight, recurrentWeight, inputBias, recurrentBias);
  }

  /**
   * The hidden states of every step ({@code B × T × H}) for {@code x} ({@code B × T × in}),
   * starting from zero state. Results live on {@code x}'s manager. Padded steps after a sequence's
   * end do not affect its valid steps.
   *
   * <pre>
   *   a_t = x_t · W_ihᵀ + b_ih + h_{t−1} · W_hhᵀ + b_hh      (4H values: i, f, g, o)
   *   c_t = σ(f) ⊙ c_{t−1} + σ(i) ⊙ tanh(g),   h_t = σ(o) ⊙ tanh(c_t),   h_{−1} = c_{−1} = 0
   * </pre>
   */
  NDArray forward(NDArray x) {
    int steps = Math.toIntExact(x.getShape().get(1));
    // The input projection of all steps at once; only the recurrent product must wait for the
    // previous step.
    NDList projected =
        x.getNDArrayInternal().linear(x, inputWeight, inputBias).singletonOrThrow().split(steps, 1);
    NDList states = new NDList(steps);
    NDArray h = null;
    NDArray c = null;
    for (int t = 0; t < steps; t++) {
      NDArray a = projected.get(t).squeeze(1);
      if (h != null) {
        // h starts at zero, so step 0 has no recurrent term.
        a =
            a.add(
                h.getNDArrayInternal()
                    .linear(h, recurrentWeight, recurrentBias)
                    .singletonOrThrow());
      } else {
        a = a.add(recurrentBias);
      }
      NDList gates = a.split(4, 1);
      NDArray input = Activation.sigmoid(gates.get(0));
      NDArray forget = Activation.sigmoid(gates.get(1));
      NDArray cell = gates.get(2).tanh();
      NDArray output = Activation.sigmoid(gates.get(3));
      c = c == null ? input.mul(cell) : forget.mul(c).add(input.mul(cell));
      h = output.mul(c.tanh());
      states.add(h);
    }
    return NDArrays.stack(states, 1);
  }

  /**
   * The plain-Java layer: weights transposed to the {@code x · W} convention, the two biases
   * summed.
   */
  LstmLayer export() {
    float[] wih = inputWeight.toFloatArray();
    float[] whh = recurrentWeight.toFloatArray();
    float[] bih = inputBias.toFloatArray();
    float[] bhh = recurrentBias.toFloatArray();
    int gates = 4 * hidden;
    return new LstmLayer(
        in, hidden, transpose(wih, gates, in), transpose(whh, gates, hidden), sum(bih, bhh));
  }

  private static float[] transpose(float[] values, int rows, int columns) {
    float[] t = new float[values.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        t[c * rows + r] = values[r * columns + c];
      }
    }
    return t;
  }

  private static float[] sum(float[] a, float[] b) {
    float[] s = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }
}
