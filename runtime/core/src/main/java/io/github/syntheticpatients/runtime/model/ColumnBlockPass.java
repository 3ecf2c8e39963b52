package io.github.syntheticpatients.runtime.model;

import java.util.List;

/**
 * {@link MlpNetwork}'s forward pass for many rows at once, with the activations held column by
 * column: one array per unit, indexed by row. The inner loop then runs over up to {@link #MAX_ROWS}
 * rows, which HotSpot vectorises with few scalar iterations at either end; the row-wise pass runs
 * its inner loop over a layer's outputs (78–256), where the scalar pre- and post-loops around the
 * vector loop took most of the time (on AVX-512 a 128-wide layer ran 3× slower than with 16-byte
 * vectors).
 *
 * <p>The sums are the row-wise pass's to the bit: per output value, the bias plus {@code x[i] *
 * w[i][j]} added one input at a time in input order, each addition rounded to float. An input that
 * is zero in every row of the block is skipped, as the row-wise pass skips it; an input zero in
 * only some rows adds {@code 0 · w} there, so this pass is only used where every layer passes
 * {@code MlpNetwork.addZeroInputsHarmless} and none has layer norm.
 */
final class ColumnBlockPass {
  /**
   * Rows per block: long enough for the vector loop, short enough that a block's units stay in L2.
   */
  static final int MAX_ROWS = 512;

  /**
   * Inputs added per visit of each output's column: sixteen columns of 512 rows (32 KB) stay in the
   * L1 cache while every output adds them (measured: 40 GMAC/s; 32 inputs 35, all inputs 3).
   */
  private static final int INPUTS_PER_SWEEP = 16;

  private final List<DenseLayer> layers;

  /** Per layer, the weights by output: {@code weightColumns[layer][j][i] = w[i][j]}. */
  private final float[][][] weightColumns;

  ColumnBlockPass(List<DenseLayer> layers) {
    this.layers = layers;
    this.weightColumns = new float[layers.size()][][];
    for (int l = 0; l < layers.size(); l++) {
      DenseLayer layer = layers.get(l);
      float[][] columns = new float[layer.out()][layer.in()];
      float[] weight = layer.weight();
      for (int i = 0; i < layer.in(); i++) {
        for (int j = 0; j < layer.out(); j++) {
          columns[j][i] = weight[i * layer.out() + j];
        }
      }
      weightColumns[l] = columns;
    }
  }

  /**
   * Runs rows {@code [first, first + rows)} of {@code input} ({@code inputWidth} values a row) and
   * writes their outputs to the same rows of {@code output}.
   */
  void forward(float[] input, float[] output, int first, int rows, int inputWidth) {
    float[][] units = new float[inputWidth][rows];
    for (int r = 0; r < rows; r++) {
      int base = (first + r) * inputWidth;
      for (int i = 0; i < inputWidth; i++) {
        units[i][r] = input[base + i];
      }
    }
    float[] zeros = new float[rows];
    for (int l = 0; l < layers.size(); l++) {
      DenseLayer layer = layers.get(l);
      float[][] h = new float[layer.out()][rows];
      linear(layer.bias(), weightColumns[l], units, h, rows, zeros);
      activate(layer.activation(), h, rows);
      if (layer.concatInput()) {
        float[][] joined = new float[layer.out() + layer.in()][];
        System.arraycopy(h, 0, joined, 0, layer.out());
        System.arraycopy(units, 0, joined, layer.out(), layer.in());
        units = joined;
      } else {
        units = h;
      }
    }
    int width = units.length;
    for (int j = 0; j < width; j++) {
      float[] column = units[j];
      for (int r = 0; r < rows; r++) {
        output[(first + r) * width + j] = column[r];
      }
    }
  }

  /**
   * {@code h[j][r] = bias[j] + Σ x[i][r] · w[i][j]}, the inputs in order, those zero in every row
   * left out.
   *
   * <p>The inputs taken and their weights are first copied into dense arrays, padded with zero
   * inputs (which add {@code 0 · 0 = +0}, changing no bit) to a multiple of four, so that the
   * kernel indexes them directly: with the input indices read from an index array inside the loops,
   * C2 (JDK 17) did not vectorise the row loop and the pass ran 5× slower.
   */
  private static void linear(
      float[] bias, float[][] columns, float[][] x, float[][] h, int rows, float[] zeros) {
    int in = x.length;
    int out = h.length;
    int[] taken = new int[in];
    int count = 0;
    for (int i = 0; i < in; i++) {
      taken[count] = i;
      count += anyNonZero(x[i], rows) ? 1 : 0;
    }
    int padded = (count + 3) / 4 * 4;
    float[][] inputs = new float[padded][];
    for (int k = 0; k < padded; k++) {
      inputs[k] = k < count ? x[taken[k]] : zeros;
    }
    float[][] weights = new float[out][padded];
    for (int j = 0; j < out; j++) {
      float[] column = columns[j];
      float[] gathered = weights[j];
      for (int k = 0; k < count; k++) {
        gathered[k] = column[taken[k]];
      }
      java.util.Arrays.fill(h[j], 0, rows, bias[j]);
    }
    for (int start = 0; start < padded; start += INPUTS_PER_SWEEP) {
      int end = Math.min(padded, start + INPUTS_PER_SWEEP);
      int j = 0;
      for (; j + 2 <= out; j += 2) {
        addInputs(weights[j], weights[j + 1], inputs, h[j], h[j + 1], start, end, rows);
      }
      if (j < out) {
        addInputs(weights[j], inputs, h[j], start, end, rows);
      }
    }
  }

  private static boolean anyNonZero(float[] values, int rows) {
    boolean any = false;
    for (int r = 0; r < rows; r++) {
      any |= values[r] != 0f;
    }
    return any;
  }

  /**
   * Adds inputs {@code [start, end)} (a multiple of four apart) to two outputs' columns, four
   * inputs per pass over the rows. Two outputs share each input load; four outputs or eight inputs
   * per pass were not vectorised by C2 and ran 5–8× slower.
   */
  private static void addInputs(
      float[] wa, float[] wb, float[][] x, float[] ha, float[] hb, int start, int end, int rows) {
    for (int k = start; k < end; k += 4) {
      float[] x0 = x[k];
      float[] x1 = x[k + 1];
      float[] x2 = x[k + 2];
      float[] x3 = x[k + 3];
      float a0 = wa[k];
      float a1 = wa[k + 1];
      float a2 = wa[k + 2];
      float a3 = wa[k + 3];
      float b0 = wb[k];
      float b1 = wb[k + 1];
      float b2 = wb[k + 2];
      float b3 = wb[k + 3];
      for (int r = 0; r < rows; r++) {
        float v0 = x0[r];
        float v1 = x1[r];
        float v2 = x2[r];
        float v3 = x3[r];
        // Left to right: ((((h + x0·w0) + x1·w1) + x2·w2) + x3·w3), each step rounded to float.
        ha[r] = ha[r] + v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3;
        hb[r] = hb[r] + v0 * b0 + v1 * b1 + v2 * b2 + v3 * b3;
      }
    }
  }

  /** The same for one output (the last of an odd count). */
  private static void addInputs(float[] w, float[][] x, float[] h, int start, int end, int rows) {
    for (int k = start; k < end; k += 4) {
      float[] x0 = x[k];
      float[] x1 = x[k + 1];
      float[] x2 = x[k + 2];
      float[] x3 = x[k + 3];
      float a0 = w[k];
      float a1 = w[k + 1];
      float a2 = w[k + 2];
      float a3 = w[k + 3];
      for (int r = 0; r < rows; r++) {
        h[r] = h[r] + x0[r] * a0 + x1[r] * a1 + x2[r] * a2 + x3[r] * a3;
      }
    }
  }

  private static void activate(DenseLayer.Activation activation, float[][] h, int rows) {
    for (float[] column : h) {
      switch (activation) {
        case RELU -> {
          for (int r = 0; r < rows; r++) {
            column[r] = Math.max(column[r], 0f);
          }
        }
        case LEAKY_RELU -> {
          for (int r = 0; r < rows; r++) {
            column[r] = column[r] >= 0f ? column[r] : column[r] * DenseLayer.LEAKY_SLOPE;
          }
        }
        case NONE -> {}
      }
    }
  }
}
