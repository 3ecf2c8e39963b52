package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one linear layer (optionally with batch norm) as plain NDArrays that require
 * gradients. The weight is stored {@code in × out} so that {@code x.matMul(weight)} is exactly
 * {@link DenseLayer}'s {@code x · W}. Initialised like PyTorch's {@code nn.Linear} and {@code
 * nn.BatchNorm1d}: weight and bias uniform in ±1/√in; gamma 1, beta 0; running mean 0 and variance
 * 1.
 */
final class DenseParams {
  /**
   * Batch norm's running-statistics momentum in DJL's convention, the share of the old value that
   * is kept (measured: DJL hands {@code 1 − momentum} to torch); 0.9 here is PyTorch's default
   * momentum of 0.1.
   */
  static final float BATCH_NORM_MOMENTUM = 0.9f;

  final int in;
  final int out;
  final NDArray weight;
  final NDArray bias;
  final NDArray gamma;
  final NDArray beta;

  /**
   * Batch norm's running statistics (no gradient); every training-mode forward pass updates them in
   * place.
   */
  final NDArray runningMean;

  final NDArray runningVar;

  DenseParams(NDManager manager, int in, int out, boolean batchNorm) {
    this.in = in;
    this.out = out;
    float bound = (float) (1 / Math.sqrt(in));
    weight = manager.randomUniform(-bound, bound, new Shape(in, out), DataType.FLOAT32);
    bias = manager.randomUniform(-bound, bound, new Shape(1, out), DataType.FLOAT32);
    gamma = batchNorm ? manager.ones(new Shape(out), DataType.FLOAT32) : null;
    beta = batchNorm ? manager.zeros(new Shape(out), DataType.FLOAT32) : null;
    for (NDArray parameter : parameters()) {
      parameter.setRequiresGradient(true);
    }
    runningMean = batchNorm ? manager.zeros(new Shape(out), DataType.FLOAT32) : null;
    runningVar = batchNorm ? manager.ones(new Shape(out), DataType.FLOAT32) : null;
  }

  List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>(List.of(weight, bias));
    if (gamma != null) {
      list.add(gamma);
      list.add(beta);
    }
    return list;
  }

  /**
   * {@code x · W + b}, then batch norm in training mode if this layer has it; the result lives on
   * x's manager.
   */
  NDArray linear(NDArray x) {
    return linear(x, true);
  }

  /**
   * {@code x · W + b}, then batch norm if this layer has it: in training mode over the batch
   * (updating the running statistics), otherwise with the running statistics, which is what {@link
   * #export} computes.
   */
  NDArray linear(NDArray x, boolean training) {
    NDArray h = x.matMul(weight).add(bias);
    if (gamma != null) {
      h =
          BatchNorm.batchNorm(
                  h,
                  runningMean,
                  runningVar,
                  gamma,
                  beta,
                  1,
                  BATCH_NORM_MOMENTUM,
                  DenseLayer.LAYER_NORM_EPSILON,
                  training)
              .singletonOrThrow();
    }
    return h;
  }

  /**
   * This layer's weights as a plain-Java layer; batch norm with its running statistics is folded
   * into W and b.
   */
  DenseLayer export(DenseLayer.Activation activation, boolean concatInput) {
    float[] w = weight.toFloatArray();
    float[] b = bias.toFloatArray();
    if (gamma != null) {
      // In inference mode batch norm is an affine map per output: (h − mean) / √(var + ε) · gamma +
      // beta.
      float[] g = gamma.toFloatArray();
      float[] be = beta.toFloatArray();
      float[] mean = runningMean.toFloatArray();
      float[] variance = runningVar.toFloatArray();
      for (int j = 0; j < out; j++) {
        double scale = g[j] / Math.sqrt(variance[j] + DenseLayer.LAYER_NORM_EPSILON);
        for (int i = 0; i < in; i++) {
          w[i * out + j] = (float) (w[i * out + j] * scale);
        }
        b[j] = (float) ((b[j] - mean[j]) * scale + be[j]);
      }
    }
    return new DenseLayer(in, out, w, b, false, null, null, activation, concatInput);
  }
}
