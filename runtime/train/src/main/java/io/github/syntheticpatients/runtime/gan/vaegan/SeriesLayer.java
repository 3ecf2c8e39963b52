package io.github.syntheticpatients.runtime.gan.vaegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import java.util.List;

/**
 * One layer of the series VAE: a linear map ({@code rows × in}) or a Conv1d over time ({@code rows
 * × steps × channels}, kernel k, stride 1, zero padding that keeps the length), then LeakyReLU or
 * nothing. The convolution is computed as {@link
 * io.github.syntheticpatients.runtime.model.SeriesDecoder} computes it in plain Java: each
 * position's window of k channel vectors laid end to end ({@link #unfold}), times a {@code (k ·
 * channels) × out} weight. That is a matrix product and element-wise work only, so no oneDNN
 * convolution primitive runs, whose blocking could depend on the CPU (docs/numerics.md), and the
 * per-record gradients come from {@link SeriesClipping}'s probes. Weights and biases initialised
 * like PyTorch's (uniform in ±1/√fan-in) from the seeded torch generator.
 */
final class SeriesLayer {
  private final NDArray weight;
  private final NDArray bias;
  private final int kernel;
  private final boolean leaky;

  /**
   * @param kernel 0 for a linear layer, else the conv's odd window
   * @param in the input width (a conv's channels)
   */
  SeriesLayer(NDManager manager, int in, int out, int kernel, boolean leaky) {
    int fanIn = kernel == 0 ? in : kernel * in;
    float bound = (float) (1 / Math.sqrt(fanIn));
    weight = manager.randomUniform(-bound, bound, new Shape(fanIn, out), DataType.FLOAT32);
    bias = manager.randomUniform(-bound, bound, new Shape(1, out), DataType.FLOAT32);
    weight.setRequiresGradient(true);
    bias.setRequiresGradient(true);
    this.kernel = kernel;
    this.leaky = leaky;
  }

  List<NDArray> parameters() {
    return List.of(weight, bias);
  }

  /** The layer's output; with {@code probes} (null: plain) the layer is probed. */
  NDArray forward(NDArray x, SeriesClipping probes) {
    NDArray input = kernel == 0 ? x : unfold(x, kernel);
    NDArray h;
    if (probes == null) {
      h = input.matMul(weight).add(bias);
    } else {
      h = kernel == 0 ? probes.linear(input, weight, bias) : probes.positional(input, weight, bias);
    }
    return leaky ? Activation.leakyRelu(h, DenseLayer.LEAKY_SLOPE) : h;
  }

  /**
   * {@code rows × steps × channels} to {@code rows × steps × (kernel · channels)}: position t's
   * window {@code [t − kernel/2, t + kernel/2]}, zeros past either end.
   */
  static NDArray unfold(NDArray x, int kernel) {
    Shape shape = x.getShape();
    long rows = shape.get(0);
    long steps = shape.get(1);
    long channels = shape.get(2);
    int half = kernel / 2;
    NDArray pad = x.getManager().zeros(new Shape(rows, half, channels), DataType.FLOAT32);
    NDArray padded = NDArrays.concat(new NDList(pad, x, pad), 1);
    NDList windows = new NDList(kernel);
    for (int j = 0; j < kernel; j++) {
      windows.add(padded.get(":, " + j + ":" + (j + steps) + ", :"));
    }
    return kernel == 1 ? windows.singletonOrThrow() : NDArrays.concat(windows, 2);
  }

  /** The layer in plain Java (a conv's weight rows window-major, as {@link #unfold} lays them). */
  DenseLayer export() {
    return new DenseLayer(
        Math.toIntExact(weight.getShape().get(0)),
        Math.toIntExact(weight.getShape().get(1)),
        weight.toFloatArray(),
        bias.toFloatArray(),
        false,
        null,
        null,
        leaky ? DenseLayer.Activation.LEAKY_RELU : DenseLayer.Activation.NONE,
        false);
  }
}
