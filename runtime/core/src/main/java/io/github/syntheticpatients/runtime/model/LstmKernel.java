package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.internal.Fdlibm;
import java.util.Arrays;

/**
 * The forward pass of one {@link LstmLayer}. Its weights are split into one array per input row, as
 * in {@link MlpNetwork}: the inner loop then indexes the weight row and the gate row with the same
 * {@code j}, which HotSpot vectorises (with offsets into one flat array it stays scalar). Gates use
 * {@link StrictMath}'s bits (its exponential computed by {@link Fdlibm}), so the result is the same
 * on every machine. Immutable; every call uses its own arrays.
 */
final class LstmKernel {
  private final int in;
  private final int hidden;
  private final float[][] inputRows;
  private final float[][] recurrentRows;
  private final float[] bias;

  LstmKernel(LstmLayer layer) {
    in = layer.in();
    hidden = layer.hidden();
    inputRows = rows(layer.inputWeight(), in, 4 * hidden);
    recurrentRows = rows(layer.recurrentWeight(), hidden, 4 * hidden);
    bias = layer.bias().clone();
  }

  /**
   * Runs the layer over {@code length} steps of {@code input} ({@code length × in}, row-major) from
   * zero state and writes the hidden states ({@code length × hidden}) into {@code output}. With
   * {@code reversed} the steps are taken from the last to the first, and the state computed at step
   * {@code t} is still written to row {@code t}: row {@code t} then summarises steps {@code t …
   * length−1}, which is how the backward half of a bidirectional layer reads.
   */
  void run(float[] input, int length, boolean reversed, float[] output) {
    int gates = 4 * hidden;
    float[] a = new float[gates];
    float[] h = new float[hidden];
    float[] c = new float[hidden];
    for (int s = 0; s < length; s++) {
      int t = reversed ? length - 1 - s : s;
      System.arraycopy(bias, 0, a, 0, gates);
      for (int i = 0; i < in; i++) {
        float x = input[t * in + i];
        if (x != 0f) {
          float[] w = inputRows[i];
          for (int j = 0; j < gates; j++) {
            a[j] += x * w[j];
          }
        }
      }
      for (int k = 0; k < hidden; k++) {
        float x = h[k];
        if (x != 0f) {
          float[] w = recurrentRows[k];
          for (int j = 0; j < gates; j++) {
            a[j] += x * w[j];
          }
        }
      }
      for (int j = 0; j < hidden; j++) {
        float i = sigmoid(a[j]);
        float f = sigmoid(a[hidden + j]);
        float g = (float) StrictMath.tanh(a[2 * hidden + j]);
        float o = sigmoid(a[3 * hidden + j]);
        c[j] = f * c[j] + i * g;
        h[j] = o * (float) StrictMath.tanh(c[j]);
      }
      System.arraycopy(h, 0, output, t * hidden, hidden);
    }
  }

  /**
   * One step from the state {@code (h, c)}, updated in place, for a 0/1 input given by the indices
   * of its ones ({@code ones[0…count)}): the timeline argn feeds each visit's symbols back this
   * way, one visit at a time, so it cannot hand {@link #run} a whole sequence. The same sums in the
   * same order as {@link #run} for that input.
   *
   * @param gates scratch of {@code 4 · hidden} values
   */
  void stepMultiHot(int[] ones, int count, float[] h, float[] c, float[] gates) {
    int width = 4 * hidden;
    System.arraycopy(bias, 0, gates, 0, width);
    for (int n = 0; n < count; n++) {
      float[] w = inputRows[ones[n]];
      for (int j = 0; j < width; j++) {
        gates[j] += w[j];
      }
    }
    for (int k = 0; k < hidden; k++) {
      float x = h[k];
      if (x != 0f) {
        float[] w = recurrentRows[k];
        for (int j = 0; j < width; j++) {
          gates[j] += x * w[j];
        }
      }
    }
    for (int j = 0; j < hidden; j++) {
      float i = sigmoid(gates[j]);
      float f = sigmoid(gates[hidden + j]);
      float g = (float) StrictMath.tanh(gates[2 * hidden + j]);
      float o = sigmoid(gates[3 * hidden + j]);
      c[j] = f * c[j] + i * g;
      h[j] = o * (float) StrictMath.tanh(c[j]);
    }
  }

  private static float sigmoid(float x) {
    return (float) (1 / (1 + Fdlibm.exp(-x)));
  }

  private static float[][] rows(float[] weight, int rowCount, int width) {
    float[][] rows = new float[rowCount][];
    for (int r = 0; r < rowCount; r++) {
      rows[r] = Arrays.copyOfRange(weight, r * width, (r + 1) * width);
    }
    return rows;
  }
}
