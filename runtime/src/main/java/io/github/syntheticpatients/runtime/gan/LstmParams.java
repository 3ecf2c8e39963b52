package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.syntheticpatients.runtime.model.LstmLayer;
import java.util.List;

/**
 * The parameters of one unidirectional, single-layer LSTM as plain NDArrays in PyTorch's layout ({@code weight_ih}
 * {@code 4H × in}, {@code weight_hh} {@code 4H × H}, {@code bias_ih}, {@code bias_hh}; gates i, f, g, o), run with
 * libtorch's fused LSTM op. Initialised like {@code nn.LSTM}: everything uniform in ±1/√H. Two of these make the
 * bidirectional layer: DJL's own bidirectional LSTM passes biased parameters in the wrong order
 * (shared/notes/djl.md, pitfall 3).
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
    inputWeight = manager.randomUniform(-bound, bound, new Shape(4L * hidden, in), DataType.FLOAT32);
    recurrentWeight = manager.randomUniform(-bound, bound, new Shape(4L * hidden, hidden), DataType.FLOAT32);
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
   * The hidden states of every step ({@code B × T × H}) for {@code x} ({@code B × T × in}), starting from zero
   * state. Results live on {@code x}'s manager. Padded steps after a sequence's end do not affect its valid steps.
   */
  NDArray forward(NDArray x, boolean training) {
    NDManager batch = x.getManager();
    Shape state = new Shape(1, x.getShape().get(0), hidden);
    NDList initial = new NDList(batch.zeros(state, DataType.FLOAT32), batch.zeros(state, DataType.FLOAT32));
    NDList weights = new NDList(inputWeight, recurrentWeight, inputBias, recurrentBias);
    NDList out = x.getNDArrayInternal().lstm(x, initial, weights, true, 1, 0, training, false, true);
    return out.get(0);
  }

  /** The plain-Java layer: weights transposed to the {@code x · W} convention, the two biases summed. */
  LstmLayer export() {
    float[] wih = inputWeight.toFloatArray();
    float[] whh = recurrentWeight.toFloatArray();
    float[] bih = inputBias.toFloatArray();
    float[] bhh = recurrentBias.toFloatArray();
    int gates = 4 * hidden;
    return new LstmLayer(in, hidden, transpose(wih, gates, in), transpose(whh, gates, hidden), sum(bih, bhh));
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
