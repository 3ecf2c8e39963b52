package io.github.syntheticpatients.runtime.gan.vaegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.github.syntheticpatients.runtime.gan.PerRecordClipping;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Linear layers with LeakyReLU between them and a linear output: every record's output depends on
 * that record alone (no batch or layer norm), so {@link PerRecordClipping} can probe each layer.
 * Weights {@code in × out} and biases initialised like PyTorch's {@code nn.Linear} (uniform in
 * ±1/√in) from the seeded torch generator.
 */
final class LinearStack {
  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> biases = new ArrayList<>();

  LinearStack(NDManager manager, int in, List<Integer> hidden, int out) {
    int width = in;
    List<Integer> dims = new ArrayList<>(hidden);
    dims.add(out);
    for (int dim : dims) {
      float bound = (float) (1 / Math.sqrt(width));
      NDArray weight =
          manager.randomUniform(-bound, bound, new Shape(width, dim), DataType.FLOAT32);
      NDArray bias = manager.randomUniform(-bound, bound, new Shape(1, dim), DataType.FLOAT32);
      weight.setRequiresGradient(true);
      bias.setRequiresGradient(true);
      weights.add(weight);
      biases.add(bias);
      width = dim;
    }
  }

  /** Weight then bias of each layer, in order: the order {@link #forward} probes them in. */
  List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>();
    for (int l = 0; l < weights.size(); l++) {
      list.add(weights.get(l));
      list.add(biases.get(l));
    }
    return list;
  }

  /** The output for {@code x}; with {@code probes}, every layer is probed (null: plain). */
  NDArray forward(NDArray x, PerRecordClipping probes) {
    NDArray h = x;
    for (int l = 0; l < weights.size(); l++) {
      h =
          probes == null
              ? h.matMul(weights.get(l)).add(biases.get(l))
              : probes.linear(h, weights.get(l), biases.get(l));
      if (l < weights.size() - 1) {
        h = Activation.leakyRelu(h, DenseLayer.LEAKY_SLOPE);
      }
    }
    return h;
  }

  /** The layers in plain Java: LeakyReLU after each hidden layer, none after the output. */
  List<DenseLayer> layers() {
    List<DenseLayer> layers = new ArrayList<>();
    for (int l = 0; l < weights.size(); l++) {
      NDArray w = weights.get(l);
      layers.add(
          new DenseLayer(
              Math.toIntExact(w.getShape().get(0)),
              Math.toIntExact(w.getShape().get(1)),
              w.toFloatArray(),
              biases.get(l).toFloatArray(),
              false,
              null,
              null,
              l < weights.size() - 1
                  ? DenseLayer.Activation.LEAKY_RELU
                  : DenseLayer.Activation.NONE,
              false));
    }
    return layers;
  }

  MlpNetwork export() {
    return new MlpNetwork(layers());
  }
}
