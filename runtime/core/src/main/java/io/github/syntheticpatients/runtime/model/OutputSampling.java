package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.internal.Fdlibm;
import io.github.syntheticpatients.runtime.random.RandomStream;

/**
 * The output heads of a generator in plain Java: tanh for SCALAR spans, a category drawn from the
 * softmax for SOFTMAX spans (what a Gumbel-softmax followed by argmax amounts to). Transcendental
 * functions are {@link StrictMath}'s ({@code exp} through {@link Fdlibm}, the same bits without a
 * native call), so the same raw outputs and stream give the same rows on every machine.
 */
final class OutputSampling {
  private OutputSampling() {}

  /**
   * Activates one raw output row into {@code target} (zeroed beforehand): scalars through tanh, one
   * 1 per SOFTMAX block at a drawn category.
   */
  static void activateRow(
      float[] raw,
      int rawOffset,
      EncodedLayout layout,
      float[] target,
      int targetOffset,
      RandomStream random) {
    for (OutputBlock block : layout.blocks()) {
      int start = rawOffset + block.offset();
      if (block.kind() == OutputBlock.Kind.SCALAR) {
        target[targetOffset + block.offset()] = (float) StrictMath.tanh(raw[start]);
      } else {
        target[
                targetOffset
                    + block.offset()
                    + drawSoftmax(raw, start, block.width(), random.nextDouble())] =
            1f;
      }
    }
  }

  /**
   * softmax(logits)'s probability of category {@code k} of the span {@code [start, start + width)}.
   */
  static double softmaxProbability(float[] logits, int start, int width, int k) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < width; j++) {
      max = Math.max(max, logits[start + j]);
    }
    double sum = 0;
    for (int j = 0; j < width; j++) {
      sum += Fdlibm.exp(logits[start + j] - max);
    }
    return Fdlibm.exp(logits[start + k] - max) / sum;
  }

  /**
   * A category drawn with probability softmax(logits) from the span {@code [start, start + width)}.
   */
  static int drawSoftmax(float[] logits, int start, int width, double u) {
    return drawSoftmax(logits, start, width, u, new double[width]);
  }

  /**
   * As {@link #drawSoftmax(float[], int, int, double)}, with the weights written to {@code scratch}
   * (at least {@code width} long), so a caller drawing many rows allocates nothing per draw.
   */
  static int drawSoftmax(float[] logits, int start, int width, double u, double[] scratch) {
    float max = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < width; k++) {
      max = Math.max(max, logits[start + k]);
    }
    double sum = 0;
    for (int k = 0; k < width; k++) {
      scratch[k] = Fdlibm.exp(logits[start + k] - max); // StrictMath.exp to the bit
      sum += scratch[k];
    }
    double threshold = u * sum;
    double cumulative = 0;
    for (int k = 0; k < width; k++) {
      cumulative += scratch[k];
      if (threshold < cumulative) {
        return k;
      }
    }
    return width - 1;
  }
}
