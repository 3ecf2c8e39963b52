package io.github.syntheticpatients.runtime.gan.vaegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-record gradients of layers applied at every position of a record (a Conv1d layer on its
 * unfolded windows, or a linear layer at one position), each record's joint gradient clipped to
 * norm C and summed, from one backward pass. As {@code gan.PerRecordClipping} does for linear
 * layers, a zero probe is added to each layer's output ({@code rows × positions × out}); after the
 * backward of Σ_i loss_i it holds G_i,t = ∂loss_i/∂pre_i,t. Record i's weight gradient is Σ_t
 * x_i,tᵀ G_i,t and its bias gradient Σ_t G_i,t: a sum over positions, no longer an outer product,
 * so its squared norm is Σ_t Σ_s (x_i,t · x_i,s + 1)(G_i,t · G_i,s), computed from the two Gram
 * matrices in double. The clipped sum is Xᵀ(c ⊙ G) over all (record, position) rows. With one
 * position this is the linear case. It holds only when every loss_i depends on record i alone.
 */
final class SeriesClipping {
  /** Added to a gradient's norm before dividing, as Opacus and {@code DpSgdStep} do. */
  private static final double NORM_GUARD = 1e-6;

  private final NDManager batch;
  private final int rows;
  private final List<NDArray> inputs = new ArrayList<>();
  private final List<NDArray> probes = new ArrayList<>();
  private final List<int[]> shapes = new ArrayList<>();

  /** Probes for a batch of {@code rows} records on {@code batch}, a batch-scoped manager. */
  SeriesClipping(NDManager batch, int rows) {
    this.batch = batch;
    this.rows = rows;
  }

  /** The clipped sum, one array per probed parameter (weight, then bias, per layer). */
  record Clipped(float[][] sum, int clipped) {}

  /**
   * {@code x·weight + bias} at every position with a probe: {@code x} is {@code rows × positions ×
   * in}, {@code weight} {@code in × out}, {@code bias} {@code 1 × out}.
   */
  NDArray positional(NDArray x, NDArray weight, NDArray bias) {
    int positions = Math.toIntExact(x.getShape().get(1));
    int in = Math.toIntExact(weight.getShape().get(0));
    int out = Math.toIntExact(weight.getShape().get(1));
    inputs.add(x.stopGradient());
    NDArray probe = batch.zeros(new Shape(rows, positions, out), DataType.FLOAT32);
    probe.setRequiresGradient(true);
    probes.add(probe);
    shapes.add(new int[] {positions, in, out});
    return x.matMul(weight).add(bias).add(probe);
  }

  /** {@code x·weight + bias} for {@code rows × in} inputs: one position. */
  NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    long in = x.getShape().get(1);
    return positional(x.reshape(rows, 1, in), weight, bias).reshape(rows, weight.getShape().get(1));
  }

  /** After the backward of Σ_i loss_i: the clipped sum of the probed layers' gradients. */
  Clipped clip(double clipNorm) {
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
      int positions = shapes.get(l)[0];
      int in = shapes.get(l)[1];
      int out = shapes.get(l)[2];
      for (int i = 0; i < rows; i++) {
        squares[i] += squareNorm(x[l], g[l], i, positions, in, out);
      }
    }
    float[] scale = new float[rows];
    int clipped = 0;
    for (int i = 0; i < rows; i++) {
      double c = Math.min(1, clipNorm / (Math.sqrt(squares[i]) + NORM_GUARD));
      if (c < 1) {
        clipped++;
      }
      scale[i] = (float) c;
    }
    NDArray c = batch.create(scale, new Shape(rows, 1, 1));
    float[][] sum = new float[2 * layers][];
    for (int l = 0; l < layers; l++) {
      int positions = shapes.get(l)[0];
      int in = shapes.get(l)[1];
      int out = shapes.get(l)[2];
      NDArray scaled =
          batch.create(g[l], new Shape(rows, positions, out)).mul(c).reshape(rows * positions, out);
      NDArray input = batch.create(x[l], new Shape(rows * positions, in));
      sum[2 * l] = input.transpose().matMul(scaled).toFloatArray();
      sum[2 * l + 1] = scaled.sum(new int[] {0}).toFloatArray();
    }
    return new Clipped(sum, clipped);
  }

  /** ‖Σ_t [x_t, 1]ᵀ g_t‖² of record {@code i}, by the Gram matrices of its positions. */
  private static double squareNorm(float[] x, float[] g, int i, int positions, int in, int out) {
    double total = 0;
    for (int t = 0; t < positions; t++) {
      int xt = (i * positions + t) * in;
      int gt = (i * positions + t) * out;
      for (int s = 0; s < positions; s++) {
        int xs = (i * positions + s) * in;
        int gs = (i * positions + s) * out;
        double xx = 1;
        for (int j = 0; j < in; j++) {
          xx += (double) x[xt + j] * x[xs + j];
        }
        double gg = 0;
        for (int j = 0; j < out; j++) {
          gg += (double) g[gt + j] * g[gs + j];
        }
        total += xx * gg;
      }
    }
    return total;
  }
}
