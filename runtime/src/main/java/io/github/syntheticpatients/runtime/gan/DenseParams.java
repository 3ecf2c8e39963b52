package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one linear layer (optionally with layer norm) as plain NDArrays that require gradients. The
 * weight is stored {@code in × out} so that {@code x.matMul(weight)} is exactly {@link DenseLayer}'s {@code x · W}.
 * Initialised like PyTorch's {@code nn.Linear}: weight and bias uniform in ±1/√in; layer norm gamma 1, beta 0.
 */
final class DenseParams {
  final int in;
  final int out;
  final NDArray weight;
  final NDArray bias;
  final NDArray gamma;
  final NDArray beta;

  DenseParams(NDManager manager, int in, int out, boolean layerNorm) {
    this.in = in;
    this.out = out;
    float bound = (float) (1 / Math.sqrt(in));
    weight = manager.randomUniform(-bound, bound, new Shape(in, out), DataType.FLOAT32);
    bias = manager.randomUniform(-bound, bound, new Shape(1, out), DataType.FLOAT32);
    gamma = layerNorm ? manager.ones(new Shape(out), DataType.FLOAT32) : null;
    beta = layerNorm ? manager.zeros(new Shape(out), DataType.FLOAT32) : null;
    for (NDArray parameter : parameters()) {
      parameter.setRequiresGradient(true);
    }
  }

  List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>(List.of(weight, bias));
    if (gamma != null) {
      list.add(gamma);
      list.add(beta);
    }
    return list;
  }

  /** {@code x · W + b}, then layer norm if this layer has it. The result lives on {@code x}'s manager. */
  NDArray linear(NDArray x) {
    NDArray h = x.matMul(weight).add(bias);
    if (gamma != null) {
      h = LayerNorm.layerNorm(h, new Shape(out), gamma, beta, DenseLayer.LAYER_NORM_EPSILON).singletonOrThrow();
    }
    return h;
  }

  /** This layer's weights as a plain-Java layer. */
  DenseLayer export(DenseLayer.Activation activation, boolean concatInput) {
    return new DenseLayer(
        in,
        out,
        weight.toFloatArray(),
        bias.toFloatArray(),
        gamma != null,
        gamma == null ? null : gamma.toFloatArray(),
        beta == null ? null : beta.toFloatArray(),
        activation,
        concatInput);
  }
}
