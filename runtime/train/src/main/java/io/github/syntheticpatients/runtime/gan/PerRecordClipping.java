package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The sum of per-record gradients of the critic's real term, each clipped to norm C, from one
 * backward pass (djl.md, DP-SGD). A zero "probe" is added to every linear layer's output; the
 * backward of Σ −D(real_i) leaves on each probe the rows G_i = ∂(−D(real_i))/∂pre_i. For a linear
 * layer, record i's weight gradient is the outer product x_iᵀ G_i and its bias gradient G_i, so its
 * squared norm is ‖G_i‖²·(‖x_i‖² + 1), summed over layers for the joint norm; the clipped sum is
 * Xᵀ(c ⊙ G) and Σ c_i G_i with c_i = min(1, C / (‖g_i‖ + 1e-6)). No record's gradient is
 * materialised, and the result equals clipping each microbatch of one (PerRecordClippingTest).
 */
final class PerRecordClipping {
  /** Added to a gradient's norm before dividing, as Opacus and {@code DpSgdStep} do. */
  private static final double NORM_GUARD = 1e-6;

  private PerRecordClipping() {}

  /**
   * The clipped sum, one float array per critic parameter (in {@link CriticNetwork#parameters()}
   * order), and how many records were longer than C.
   */
  record Clipped(float[][] sum, int clipped, double[] norms) {}

  /**
   * Clips the gradients of {@code −D(real_i)} for the rows of {@code real} (which lives on a
   * batch-scoped manager); the critic's parameter gradients are left dirty, so the caller zeroes
   * them before its own backward.
   */
  static Clipped clippedSum(Engine engine, CriticNetwork critic, NDArray real, double clipNorm) {
    NDManager batch = real.getManager();
    List<DenseParams> layers = critic.layers();
    int rows = Math.toIntExact(real.getShape().get(0));
    List<NDArray> inputs = new ArrayList<>();
    List<NDArray> probes = new ArrayList<>();
    try (GradientCollector collector = engine.newGradientCollector()) {
      NDArray h = real;
      for (int l = 0; l < layers.size(); l++) {
        DenseParams layer = layers.get(l);
        inputs.add(h.stopGradient());
        NDArray probe = batch.zeros(new Shape(rows, layer.out), DataType.FLOAT32);
        probe.setRequiresGradient(true);
        probes.add(probe);
        NDArray pre = h.matMul(layer.weight).add(layer.bias).add(probe);
        if (l == layers.size() - 1) {
          h = pre;
          break;
        }
        h = Activation.leakyRelu(pre, DenseLayer.LEAKY_SLOPE);
        if (critic.dropout() > 0) {
          h = Dropout.dropout(h, (float) critic.dropout(), true).singletonOrThrow();
        }
      }
      collector.backward(h.sum().neg());
    }
    // Norms in double in Java: exact sums whose order does not depend on a vector unit.
    float[][] g = new float[layers.size()][];
    float[][] x = new float[layers.size()][];
    double[] squares = new double[rows];
    for (int l = 0; l < layers.size(); l++) {
      PtNDArray gradient = JniUtils.getGradient((PtNDArray) probes.get(l));
      gradient.attach(batch);
      g[l] = gradient.toFloatArray();
      x[l] = inputs.get(l).toFloatArray();
      int out = layers.get(l).out;
      int in = layers.get(l).in;
      for (int i = 0; i < rows; i++) {
        double gg = 0;
        for (int j = 0; j < out; j++) {
          double v = g[l][i * out + j];
          gg += v * v;
        }
        double xx = 1;
        for (int j = 0; j < in; j++) {
          double v = x[l][i * in + j];
          xx += v * v;
        }
        squares[i] += gg * xx;
      }
    }
    float[] scale = new float[rows];
    double[] norms = new double[rows];
    int clipped = 0;
    for (int i = 0; i < rows; i++) {
      norms[i] = Math.sqrt(squares[i]);
      double c = Math.min(1, clipNorm / (norms[i] + NORM_GUARD));
      if (c < 1) {
        clipped++;
      }
      scale[i] = (float) c;
    }
    NDArray c = batch.create(scale, new Shape(rows, 1));
    float[][] sum = new float[2 * layers.size()][];
    for (int l = 0; l < layers.size(); l++) {
      DenseParams layer = layers.get(l);
      NDArray scaled = batch.create(g[l], new Shape(rows, layer.out)).mul(c);
      NDArray input = batch.create(x[l], new Shape(rows, layer.in));
      sum[2 * l] = input.transpose().matMul(scaled).toFloatArray();
      sum[2 * l + 1] = scaled.sum(new int[] {0}).toFloatArray();
    }
    return new Clipped(sum, clipped, norms);
  }
}
