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
 * Per-record gradients of a network of linear layers, each clipped to norm C and summed, from one
 * backward pass (djl.md, DP-SGD). {@link #linear} adds a zero "probe" to the layer's output; the
 * backward of Σ_i loss_i leaves on each probe the rows G_i = ∂loss_i/∂pre_i. Record i's weight
 * gradient is the outer product x_iᵀ G_i and its bias gradient G_i, so its squared norm is
 * ‖G_i‖²·(‖x_i‖² + 1), summed over layers for the joint norm; the clipped sum is Xᵀ(c ⊙ G) and Σ
 * c_i G_i with c_i = min(1, C / (‖g_i‖ + 1e-6)). No record's gradient is materialised, and the
 * result equals clipping microbatches of one (PerRecordClippingTest). It holds only when no
 * operation mixes records (no batch norm): each loss_i must depend on record i alone.
 */
public final class PerRecordClipping {
  /** Added to a gradient's norm before dividing, as Opacus and {@code DpSgdStep} do. */
  private static final double NORM_GUARD = 1e-6;

  private final NDManager batch;
  private final int rows;
  private final List<NDArray> inputs = new ArrayList<>();
  private final List<NDArray> probes = new ArrayList<>();
  private final List<int[]> shapes = new ArrayList<>();

  /** Probes for a batch of {@code rows} records on {@code batch}, a batch-scoped manager. */
  public PerRecordClipping(NDManager batch, int rows) {
    this.batch = batch;
    this.rows = rows;
  }

  /**
   * The clipped sum, one float array per parameter in the order the layers were probed (weight,
   * then bias), how many records were longer than C, and each record's norm.
   */
  public record Clipped(float[][] sum, int clipped, double[] norms) {}

  /**
   * {@code x·weight + bias} with a probe; call inside the gradient collector, once per layer and
   * pass. {@code weight} is {@code in × out}, {@code bias} {@code 1 × out}.
   */
  public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    int in = Math.toIntExact(weight.getShape().get(0));
    int out = Math.toIntExact(weight.getShape().get(1));
    inputs.add(x.stopGradient());
    NDArray probe = batch.zeros(new Shape(rows, out), DataType.FLOAT32);
    probe.setRequiresGradient(true);
    probes.add(probe);
    shapes.add(new int[] {in, out});
    return x.matMul(weight).add(bias).add(probe);
  }

  /** After the backward of Σ_i loss_i: the clipped sum of the probed layers' gradients. */
  public Clipped clip(double clipNorm) {
    int layers = probes.size();
    float[][] g = new float[layers][];
    float[][] x = new float[layers][];
    // Norms in double in Java: exact sums whose order does not depend on a vector unit.
    double[] squares = new double[rows];
    for (int l = 0; l < layers; l++) {
      PtNDArray gradient = JniUtils.getGradient((PtNDArray) probes.get(l));
      gradient.attach(batch);
      g[l] = gradient.toFloatArray();
      x[l] = inputs.get(l).toFloatArray();
      int in = shapes.get(l)[0];
      int out = shapes.get(l)[1];
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
    float[][] sum = new float[2 * layers][];
    for (int l = 0; l < layers; l++) {
      int in = shapes.get(l)[0];
      int out = shapes.get(l)[1];
      NDArray scaled = batch.create(g[l], new Shape(rows, out)).mul(c);
      NDArray input = batch.create(x[l], new Shape(rows, in));
      sum[2 * l] = input.transpose().matMul(scaled).toFloatArray();
      sum[2 * l + 1] = scaled.sum(new int[] {0}).toFloatArray();
    }
    return new Clipped(sum, clipped, norms);
  }

  /**
   * The critic's real term: the clipped sum of the gradients of −D(real_i), in {@link
   * CriticNetwork#parameters()} order. The critic's parameter gradients are left dirty, so the
   * caller zeroes them before its own backward.
   */
  static Clipped criticRealTerm(
      Engine engine, CriticNetwork critic, NDArray real, double clipNorm) {
    List<DenseParams> layers = critic.layers();
    PerRecordClipping probes =
        new PerRecordClipping(real.getManager(), Math.toIntExact(real.getShape().get(0)));
    try (GradientCollector collector = engine.newGradientCollector()) {
      NDArray h = real;
      for (int l = 0; l < layers.size(); l++) {
        h = probes.linear(h, layers.get(l).weight, layers.get(l).bias);
        if (l < layers.size() - 1) {
          h = Activation.leakyRelu(h, DenseLayer.LEAKY_SLOPE);
          if (critic.dropout() > 0) {
            h = Dropout.dropout(h, (float) critic.dropout(), true).singletonOrThrow();
          }
        }
      }
      collector.backward(h.sum().neg());
    }
    return probes.clip(clipNorm);
  }
}
