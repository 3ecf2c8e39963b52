package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator in DJL, built so that {@link #export()} gives an {@link MlpNetwork} with the same
 * forward pass. CTGAN: residual blocks {@code concat(ReLU(BatchNorm(x·W + b)), x)}, then a linear
 * output layer, as CTGAN's {@code Residual}; batch norm (not layer norm) matters there: it keeps
 * every hidden unit active for part of each batch, which works against mode collapse. The export
 * uses batch norm's running statistics. Basic: hidden layers {@code LeakyReLU(x·W + b)}, then a
 * linear output layer.
 */
final class GeneratorNetwork {
  private final GanSettings.Kind kind;
  private final List<DenseParams> hidden = new ArrayList<>();
  private final DenseParams output;

  GeneratorNetwork(
      NDManager manager,
      GanSettings.Kind kind,
      int inputWidth,
      List<Integer> dims,
      int outputWidth) {
    this.kind = kind;
    boolean residual = kind == GanSettings.Kind.CTGAN;
    int width = inputWidth;
    for (int dim : dims) {
      hidden.add(new DenseParams(manager, width, dim, residual));
      width = residual ? width + dim : dim;
    }
    output = new DenseParams(manager, width, outputWidth, false);
  }

  List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>();
    for (DenseParams layer : hidden) {
      list.addAll(layer.parameters());
    }
    list.addAll(output.parameters());
    return list;
  }

  /**
   * The raw output in training mode (before output activations); results live on {@code input}'s
   * manager.
   */
  NDArray forward(NDArray input) {
    return forward(input, true);
  }

  /**
   * The raw output; {@code training} normalises with the batch's statistics (updating the running
   * ones), otherwise with the running statistics, as {@link #export()} does.
   */
  NDArray forward(NDArray input, boolean training) {
    NDArray x = input;
    for (DenseParams layer : hidden) {
      NDArray h = layer.linear(x, training);
      if (kind == GanSettings.Kind.CTGAN) {
        x = Activation.relu(h).concat(x, 1);
      } else {
        x = Activation.leakyRelu(h, DenseLayer.LEAKY_SLOPE);
      }
    }
    return output.linear(x);
  }

  MlpNetwork export() {
    List<DenseLayer> layers = new ArrayList<>();
    boolean residual = kind == GanSettings.Kind.CTGAN;
    for (DenseParams layer : hidden) {
      layers.add(
          layer.export(
              residual ? DenseLayer.Activation.RELU : DenseLayer.Activation.LEAKY_RELU, residual));
    }
    layers.add(output.export(DenseLayer.Activation.NONE, false));
    return new MlpNetwork(layers);
  }
}
