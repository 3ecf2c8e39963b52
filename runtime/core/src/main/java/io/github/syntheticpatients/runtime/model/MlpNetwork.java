package io.github.syntheticpatients.runtime.model;

import java.util.List;

/**
 * A generator network as a stack of {@link DenseLayer}s, evaluated in plain Java. This is what
 * sampling runs: no DJL and no native library. The training code builds the same stack in DJL and
 * exports its weights here; a test holds the two forward passes within 1e-5 of each other.
 *
 * <p>Written by hand because the forward pass is a few loops over float arrays and a library (ND4J,
 * DJL itself) would bring a native library that sampling must not need. A call with many rows runs
 * {@link ColumnBlockPass} (inner loops over the rows), a few rows the row-wise pass below (inner
 * loops over the outputs); HotSpot vectorises both without changing any sum's order, and both give
 * the same bits.
 */
public final class MlpNetwork {
  /** Rows pushed through the layers together, in two small activation buffers reused per block. */
  private static final int BLOCK_ROWS = 16;

  /** Fewest rows handed to {@link ColumnBlockPass}: below this its vector loop is too short. */
  private static final int MIN_COLUMN_ROWS = 128;

  private final List<DenseLayer> layers;
  private final int inputWidth;
  private final int outputWidth;
  private final int widestActivation;

  /**
   * Each layer's weights split into one array per input row ({@code
   * weightRows[layer][input][output]}).
   */
  private final float[][][] weightRows;

  /** Per layer: whether {@link #addZeroInputsHarmless} holds, so two rows may share a pass. */
  private final boolean[] pairRows;

  /** The column-wise pass for large requests, or null where a layer rules it out. */
  private final ColumnBlockPass columnPass;

  public MlpNetwork(List<DenseLayer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("A network needs at least one layer");
    }
    this.layers = List.copyOf(layers);
    this.inputWidth = layers.get(0).in();
    int width = inputWidth;
    int widest = inputWidth;
    for (DenseLayer layer : this.layers) {
      if (layer.in() != width) {
        throw new IllegalArgumentException(
            "Layer expects " + layer.in() + " inputs but receives " + width);
      }
      width = layer.outputWidth();
      widest = Math.max(widest, width);
    }
    this.outputWidth = width;
    this.widestActivation = widest;
    this.weightRows = new float[this.layers.size()][][];
    for (int l = 0; l < this.layers.size(); l++) {
      DenseLayer layer = this.layers.get(l);
      float[][] rowsOfLayer = new float[layer.in()][];
      for (int i = 0; i < layer.in(); i++) {
        rowsOfLayer[i] =
            java.util.Arrays.copyOfRange(layer.weight(), i * layer.out(), (i + 1) * layer.out());
      }
      weightRows[l] = rowsOfLayer;
    }
    this.pairRows = new boolean[this.layers.size()];
    boolean columnsAllowed = true;
    for (int l = 0; l < this.layers.size(); l++) {
      pairRows[l] = addZeroInputsHarmless(this.layers.get(l));
      columnsAllowed &= pairRows[l] && !this.layers.get(l).layerNorm();
    }
    this.columnPass = columnsAllowed ? new ColumnBlockPass(this.layers) : null;
  }

  /**
   * Whether adding {@code 0 · w} for a zero input gives the same bits as skipping it. It does when
   * every weight is finite ({@code 0 · w} is then ±0) and no bias is −0: a running sum that starts
   * off −0 never becomes −0 (a float sum is −0 only when both terms are), and adding ±0 to anything
   * but −0 changes no bit. Trained weights always pass; the check keeps odd ones exact too.
   */
  private static boolean addZeroInputsHarmless(DenseLayer layer) {
    for (float w : layer.weight()) {
      if (!Float.isFinite(w)) {
        return false;
      }
    }
    for (float b : layer.bias()) {
      if (Float.floatToRawIntBits(b) == Float.floatToRawIntBits(-0f)) {
        return false;
      }
    }
    return true;
  }

  public List<DenseLayer> layers() {
    return layers;
  }

  public int inputWidth() {
    return inputWidth;
  }

  public int outputWidth() {
    return outputWidth;
  }

  /**
   * Runs the network on {@code rows} inputs.
   *
   * @param input {@code rows × inputWidth}, row-major
   * @param rows number of rows
   * @return {@code rows × outputWidth}, row-major (raw outputs: output activations are the
   *     sampler's job)
   */
  public float[] forward(float[] input, int rows) {
    if (input.length != rows * inputWidth) {
      throw new IllegalArgumentException(
          "Expected " + rows * inputWidth + " inputs, got " + input.length);
    }
    float[] output = new float[rows * outputWidth];
    int first = 0;
    if (columnPass != null) {
      // Same bits either way; the column pass only pays off with many rows in the block.
      for (; rows - first >= MIN_COLUMN_ROWS; first += ColumnBlockPass.MAX_ROWS) {
        int count = Math.min(ColumnBlockPass.MAX_ROWS, rows - first);
        columnPass.forward(input, output, first, count, inputWidth);
      }
    }
    if (first < rows) {
      forwardRows(input, output, first, rows);
    }
    return output;
  }

  /** The row-wise pass over rows {@code [from, to)}, {@link #BLOCK_ROWS} at a time. */
  private void forwardRows(float[] input, float[] output, int from, int to) {
    float[][] current = new float[BLOCK_ROWS][widestActivation];
    float[][] next = new float[BLOCK_ROWS][widestActivation];
    // Per call, not per network: several sampler threads run forward at once.
    int[] inputIndices = new int[widestActivation];
    float[] inputValues = new float[widestActivation];
    for (int first = from; first < to; first += BLOCK_ROWS) {
      int count = Math.min(BLOCK_ROWS, to - first);
      for (int r = 0; r < count; r++) {
        System.arraycopy(input, (first + r) * inputWidth, current[r], 0, inputWidth);
      }
      for (int l = 0; l < layers.size(); l++) {
        apply(
            layers.get(l),
            weightRows[l],
            pairRows[l],
            current,
            next,
            count,
            inputIndices,
            inputValues);
        float[][] swap = current;
        current = next;
        next = swap;
      }
      for (int r = 0; r < count; r++) {
        System.arraycopy(current[r], 0, output, (first + r) * outputWidth, outputWidth);
      }
    }
  }

  /**
   * One layer for a block of rows. Per output value the sum is the bias plus {@code x[i] * w[i][j]}
   * added one input at a time in input order, skipping zero inputs (ReLU makes about half of them
   * zero): that order is what fixes the output bits, so the loops below may only change how the
   * work is scheduled, never which additions happen or in what order.
   *
   * <p>Each row's non-zero inputs are gathered first, then four of them are added per pass over the
   * outputs, so the running sum stays in a register for four additions instead of being loaded and
   * stored for each (measured 1.4× faster than one input per pass; with six or eight inputs the
   * loop body grows past what HotSpot unrolls and vectorises, and it runs slower). Where adding a
   * zero input's term changes no bit, two rows share each pass and each weight load (a further
   * 1.3×; four rows were no faster). The gathering has no branch: it writes every index and
   * advances the count only past a non-zero one, because ReLU's zeros fall at random and a branch
   * per input was mispredicted about half the time (without the branch the whole pass took 1.3×
   * less CPU, same bits). The inner loops index the weight rows and the activation row with the
   * same {@code j}, which lets HotSpot's auto-vectoriser use SIMD; Java forbids fusing the multiply
   * and the add, so SIMD changes no bits.
   */
  private static void apply(
      DenseLayer layer,
      float[][] weights,
      boolean pairRows,
      float[][] x,
      float[][] h,
      int rows,
      int[] inputIndices,
      float[] inputValues) {
    int in = layer.in();
    int out = layer.out();
    int paired = 0;
    if (pairRows) {
      for (; paired + 2 <= rows; paired += 2) {
        linearPair(
            layer.bias(),
            weights,
            in,
            out,
            x[paired],
            x[paired + 1],
            h[paired],
            h[paired + 1],
            inputIndices);
      }
    }
    for (int r = paired; r < rows; r++) {
      linearRow(layer.bias(), weights, in, out, x[r], h[r], inputIndices, inputValues);
    }
    for (int r = 0; r < rows; r++) {
      float[] hr = h[r];
      if (layer.layerNorm()) {
        normalise(hr, 0, out, layer.gamma(), layer.beta());
      }
      switch (layer.activation()) {
        case RELU -> {
          for (int j = 0; j < out; j++) {
            hr[j] = Math.max(hr[j], 0f);
          }
        }
        case LEAKY_RELU -> {
          for (int j = 0; j < out; j++) {
            hr[j] = hr[j] >= 0f ? hr[j] : hr[j] * DenseLayer.LEAKY_SLOPE;
          }
        }
        case NONE -> {}
      }
      if (layer.concatInput()) {
        System.arraycopy(x[r], 0, hr, out, in);
      }
    }
  }

  /** {@code hr = bias + xr · W} for one row, skipping zero inputs, four inputs per pass. */
  private static void linearRow(
      float[] bias,
      float[][] weights,
      int in,
      int out,
      float[] xr,
      float[] hr,
      int[] inputIndices,
      float[] inputValues) {
    int nonZero = 0;
    for (int i = 0; i < in; i++) {
      float xi = xr[i];
      inputIndices[nonZero] = i;
      inputValues[nonZero] = xi;
      nonZero += xi != 0f ? 1 : 0;
    }
    System.arraycopy(bias, 0, hr, 0, out);
    int k = 0;
    for (; k + 4 <= nonZero; k += 4) {
      float[] w0 = weights[inputIndices[k]];
      float[] w1 = weights[inputIndices[k + 1]];
      float[] w2 = weights[inputIndices[k + 2]];
      float[] w3 = weights[inputIndices[k + 3]];
      float x0 = inputValues[k];
      float x1 = inputValues[k + 1];
      float x2 = inputValues[k + 2];
      float x3 = inputValues[k + 3];
      for (int j = 0; j < out; j++) {
        // Left to right: ((((h + x0·w0) + x1·w1) + x2·w2) + x3·w3), each step rounded to float.
        hr[j] = hr[j] + x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
      }
    }
    for (; k < nonZero; k++) {
      float[] w = weights[inputIndices[k]];
      float xi = inputValues[k];
      for (int j = 0; j < out; j++) {
        hr[j] += xi * w[j];
      }
    }
  }

  /**
   * {@code ha = bias + xa · W} and {@code hb = bias + xb · W} in one pass, so each weight is loaded
   * once for both rows. The inputs taken are those non-zero in either row; the other row adds
   * {@code 0 · w} for them, which only {@link #addZeroInputsHarmless} layers may do.
   */
  private static void linearPair(
      float[] bias,
      float[][] weights,
      int in,
      int out,
      float[] xa,
      float[] xb,
      float[] ha,
      float[] hb,
      int[] inputIndices) {
    int taken = 0;
    for (int i = 0; i < in; i++) {
      inputIndices[taken] = i;
      taken += (xa[i] != 0f | xb[i] != 0f) ? 1 : 0;
    }
    System.arraycopy(bias, 0, ha, 0, out);
    System.arraycopy(bias, 0, hb, 0, out);
    int k = 0;
    for (; k + 4 <= taken; k += 4) {
      int i0 = inputIndices[k];
      int i1 = inputIndices[k + 1];
      int i2 = inputIndices[k + 2];
      int i3 = inputIndices[k + 3];
      float[] w0 = weights[i0];
      float[] w1 = weights[i1];
      float[] w2 = weights[i2];
      float[] w3 = weights[i3];
      float a0 = xa[i0];
      float a1 = xa[i1];
      float a2 = xa[i2];
      float a3 = xa[i3];
      float b0 = xb[i0];
      float b1 = xb[i1];
      float b2 = xb[i2];
      float b3 = xb[i3];
      for (int j = 0; j < out; j++) {
        float v0 = w0[j];
        float v1 = w1[j];
        float v2 = w2[j];
        float v3 = w3[j];
        ha[j] = ha[j] + a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
        hb[j] = hb[j] + b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3;
      }
    }
    for (; k < taken; k++) {
      float[] w = weights[inputIndices[k]];
      float a = xa[inputIndices[k]];
      float b = xb[inputIndices[k]];
      for (int j = 0; j < out; j++) {
        ha[j] += a * w[j];
        hb[j] += b * w[j];
      }
    }
  }

  private static void normalise(float[] h, int offset, int n, float[] gamma, float[] beta) {
    double mean = 0;
    for (int j = 0; j < n; j++) {
      mean += h[offset + j];
    }
    mean /= n;
    double variance = 0;
    for (int j = 0; j < n; j++) {
      double d = h[offset + j] - mean;
      variance += d * d;
    }
    variance /= n;
    float scale = (float) (1.0 / Math.sqrt(variance + DenseLayer.LAYER_NORM_EPSILON));
    float m = (float) mean;
    for (int j = 0; j < n; j++) {
      h[offset + j] = (h[offset + j] - m) * scale * gamma[j] + beta[j];
    }
  }
}
