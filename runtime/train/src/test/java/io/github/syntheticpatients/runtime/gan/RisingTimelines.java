package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.model.TimelineGenerator;
import java.util.List;
import java.util.Random;

/**
 * Small synthetic timelines with structure a timeline GAN must learn: each patient's value rises
 * with its own slope ({@code 0.05 … 0.12} a step, so lag-1 autocorrelation is high), a binary
 * static attribute shifts the level by {@link #SHIFT}, and a two-category step feature says whether
 * the value is above zero. Steps are {@code [value (SCALAR), below, above (SOFTMAX)]}; statics are
 * the attribute one-hot.
 */
final class RisingTimelines {
  static final int MAX_STEPS = 8;
  static final int STEP_WIDTH = 3;
  static final int STATIC_WIDTH = 2;
  static final double SHIFT = 0.5;
  static final EncodedLayout LAYOUT =
      new EncodedLayout(
          List.of(
              new OutputBlock(OutputBlock.Kind.SCALAR, OutputBlock.Role.VALUE, 0, 1, "value"),
              new OutputBlock(OutputBlock.Kind.SOFTMAX, OutputBlock.Role.CATEGORY, 1, 2, "above")),
          STEP_WIDTH);

  private RisingTimelines() {}

  static TimelineTrainingData data(int patients, long seed) {
    Random random = new Random(seed);
    float[] steps = new float[patients * MAX_STEPS * STEP_WIDTH];
    int[] lengths = new int[patients];
    float[] statics = new float[patients * STATIC_WIDTH];
    for (int p = 0; p < patients; p++) {
      int group = random.nextInt(2);
      statics[p * STATIC_WIDTH + group] = 1;
      lengths[p] = 4 + random.nextInt(MAX_STEPS - 3);
      double level = group == 1 ? SHIFT / 2 : -SHIFT / 2;
      double slope = 0.05 + 0.07 * random.nextDouble();
      for (int t = 0; t < lengths[p]; t++) {
        double value = level + slope * (t - 3.5) + 0.03 * random.nextGaussian();
        int at = (p * MAX_STEPS + t) * STEP_WIDTH;
        steps[at] = (float) value;
        steps[at + (value > 0 ? 2 : 1)] = 1;
      }
    }
    return new TimelineTrainingData(steps, lengths, statics, MAX_STEPS, STEP_WIDTH, STATIC_WIDTH);
  }

  /**
   * What a set of timelines shows: the level shift between the two static groups, the mean
   * within-patient slope (least squares over steps), the mean lag-1 autocorrelation of the value
   * within patients, and the share of steps whose category (the larger of the two SOFTMAX outputs)
   * agrees with the value's sign.
   */
  record Summary(double shift, double slope, double lag1, double agreement) {}

  static Summary ofData(TimelineTrainingData data) {
    float[][] values = new float[data.patients()][];
    boolean[][] above = new boolean[data.patients()][];
    for (int p = 0; p < data.patients(); p++) {
      values[p] = new float[data.lengths()[p]];
      above[p] = new boolean[values[p].length];
      for (int t = 0; t < values[p].length; t++) {
        int at = (p * MAX_STEPS + t) * STEP_WIDTH;
        values[p][t] = data.steps()[at];
        above[p][t] = data.steps()[at + 2] > data.steps()[at + 1];
      }
    }
    return summarise(data, values, above);
  }

  /**
   * Samples one timeline per real patient (its statics and length) and summarises the tanh'ed
   * values.
   */
  static Summary ofGenerator(TimelineGenerator generator, TimelineTrainingData data, long seed) {
    Random random = new Random(seed);
    float[][] values = new float[data.patients()][];
    boolean[][] above = new boolean[data.patients()][];
    for (int p = 0; p < data.patients(); p++) {
      int length = data.lengths()[p];
      float[] noise = new float[length * generator.latentDim()];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) random.nextGaussian();
      }
      float[] statics =
          java.util.Arrays.copyOfRange(data.statics(), p * STATIC_WIDTH, (p + 1) * STATIC_WIDTH);
      float[] raw = generator.forwardRaw(noise, statics, length);
      values[p] = new float[length];
      above[p] = new boolean[length];
      for (int t = 0; t < length; t++) {
        values[p][t] = (float) Math.tanh(raw[t * STEP_WIDTH]);
        above[p][t] = raw[t * STEP_WIDTH + 2] > raw[t * STEP_WIDTH + 1];
      }
    }
    return summarise(data, values, above);
  }

  private static Summary summarise(TimelineTrainingData data, float[][] values, boolean[][] above) {
    double[] sums = new double[2];
    int agreeing = 0;
    int[] counts = new int[2];
    double slopes = 0;
    double lag1 = 0;
    for (int p = 0; p < values.length; p++) {
      int group = data.statics()[p * STATIC_WIDTH + 1] == 1 ? 1 : 0;
      int n = values[p].length;
      double mean = 0;
      for (int t = 0; t < n; t++) {
        float v = values[p][t];
        agreeing += (v > 0) == above[p][t] ? 1 : 0;
        sums[group] += v;
        counts[group]++;
        mean += v;
      }
      mean /= n;
      double tMean = (n - 1) / 2.0;
      double sxy = 0;
      double sxx = 0;
      double variance = 0;
      double lagged = 0;
      for (int t = 0; t < n; t++) {
        sxy += (t - tMean) * (values[p][t] - mean);
        sxx += (t - tMean) * (t - tMean);
        variance += (values[p][t] - mean) * (values[p][t] - mean);
        if (t > 0) {
          lagged += (values[p][t] - mean) * (values[p][t - 1] - mean);
        }
      }
      slopes += sxy / sxx;
      lag1 += variance > 0 ? lagged / variance : 0;
    }
    return new Summary(
        sums[1] / counts[1] - sums[0] / counts[0],
        slopes / values.length,
        lag1 / values.length,
        (double) agreeing / (counts[0] + counts[1]));
  }
}
