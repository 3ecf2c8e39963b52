package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * One batch of patients in Java arrays, cut to a horizon (the curriculum's sequence length) and to
 * the longest patient in the batch, and the index and mask tensors the networks need, made on a
 * batch manager on request. The synthetic sequences of a batch take the real patients' lengths and
 * static attributes.
 */
final class TimelineBatch {
  final int size;
  final int steps;
  final int stepWidth;
  final int staticWidth;
  final int[] lengths;
  private final float[] real;
  private final float[] statics;

  private TimelineBatch(
      int size,
      int steps,
      int stepWidth,
      int staticWidth,
      int[] lengths,
      float[] real,
      float[] statics) {
    this.size = size;
    this.steps = steps;
    this.stepWidth = stepWidth;
    this.staticWidth = staticWidth;
    this.lengths = lengths;
    this.real = real;
    this.statics = statics;
  }

  /** The patients {@code picked}, each cut to at most {@code horizon} steps. */
  static TimelineBatch of(TimelineTrainingData data, int[] picked, int horizon) {
    int size = picked.length;
    int width = data.stepWidth();
    int staticWidth = data.staticWidth();
    int[] lengths = new int[size];
    int steps = 1;
    for (int b = 0; b < size; b++) {
      lengths[b] = Math.min(data.lengths()[picked[b]], horizon);
      steps = Math.max(steps, lengths[b]);
    }
    float[] real = new float[size * steps * width];
    float[] statics = new float[size * staticWidth];
    for (int b = 0; b < size; b++) {
      int p = picked[b];
      System.arraycopy(
          data.steps(), p * data.maxSteps() * width, real, b * steps * width, lengths[b] * width);
      System.arraycopy(data.statics(), p * staticWidth, statics, b * staticWidth, staticWidth);
    }
    return new TimelineBatch(size, steps, width, staticWidth, lengths, real, statics);
  }

  /** The real steps, {@code B × T × stepWidth}, zero after each length. */
  NDArray real(NDManager manager) {
    return manager.create(real, new Shape(size, steps, stepWidth));
  }

  /**
   * The static attributes repeated over time, {@code copies·B × T × staticWidth}, or null without
   * statics.
   */
  NDArray staticsOverTime(NDManager manager, int copies) {
    if (staticWidth == 0) {
      return null;
    }
    float[] values = new float[copies * size * steps * staticWidth];
    int i = 0;
    for (int c = 0; c < copies; c++) {
      for (int b = 0; b < size; b++) {
        for (int t = 0; t < steps; t++) {
          System.arraycopy(statics, b * staticWidth, values, i, staticWidth);
          i += staticWidth;
        }
      }
    }
    return manager.create(values, new Shape((long) copies * size, steps, staticWidth));
  }

  /** 1 on valid steps and 0 on padding, {@code copies·B × T × 1}. */
  NDArray mask(NDManager manager, int copies) {
    float[] values = new float[copies * size * steps];
    for (int c = 0; c < copies; c++) {
      for (int b = 0; b < size; b++) {
        Arrays.fill(values, (c * size + b) * steps, (c * size + b) * steps + lengths[b], 1f);
      }
    }
    return manager.create(values, new Shape((long) copies * size, steps, 1));
  }

  /** {@code 1 / length} per sequence, {@code copies·B × 1}. */
  NDArray inverseLengths(NDManager manager, int copies) {
    float[] values = new float[copies * size];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1f / lengths[i % size];
    }
    return manager.create(values, new Shape((long) copies * size, 1));
  }

  /** Total number of valid steps in the batch. */
  int validSteps() {
    int total = 0;
    for (int length : lengths) {
      total += length;
    }
    return total;
  }

  /**
   * Gather indices ({@code copies·B × 1 × width}, int64) that pick each sequence's last valid step.
   */
  NDArray lastStepIndex(NDManager manager, int copies, int width) {
    long[] values = new long[copies * size * width];
    for (int i = 0; i < copies * size; i++) {
      Arrays.fill(values, i * width, (i + 1) * width, lengths[i % size] - 1);
    }
    return manager.create(values, new Shape((long) copies * size, 1, width));
  }

  /**
   * Gather indices ({@code B × T × width}, int64, along the step axis) that reverse each sequence
   * within its own length and leave the padding where it is: step {@code t < L} takes step {@code L
   * − 1 − t}. Reversing twice gives back the original order.
   */
  NDArray reversal(NDManager manager, int width) {
    long[] values = new long[size * steps * width];
    int i = 0;
    for (int b = 0; b < size; b++) {
      for (int t = 0; t < steps; t++) {
        long source = t < lengths[b] ? lengths[b] - 1 - t : t;
        Arrays.fill(values, i, i + width, source);
        i += width;
      }
    }
    return manager.create(values, new Shape(size, steps, width));
  }
}
