package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.TimelineEncoder;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Arrays;

/**
 * Samples fixed-length timelines of a longitudinal {@code dp-vaegan} model in plain Java: each
 * patient's noise through {@link SeriesDecoder} gives its raw patient row and its {@code steps} raw
 * step rows at once (statics and visits come from one latent point, not in two stages), the output
 * heads activate them (tanh on scalars, a category drawn from each softmax), and the {@link
 * TimelineEncoder} decodes them: static attributes copied to every visit, the first time from the
 * patient row, each later time the previous plus a decoded gap in {@code [0, span]} of the declared
 * time bounds, values inside their declared bounds.
 *
 * <p>Two streams are split from the block's before anything is drawn, one for the noise and one for
 * the output draws, and each is read patient after patient: the first patients of a block do not
 * depend on how many follow.
 */
final class VaeGanTimelineSampler {
  private final TimelineEncoder encoder;
  private final SeriesDecoder decoder;

  VaeGanTimelineSampler(TimelineEncoder encoder, SeriesDecoder decoder) {
    if (decoder.stepWidth() != encoder.stepLayout().width()
        || decoder.staticWidth() != encoder.staticWidth()
        || decoder.steps() != encoder.maxVisits()) {
      throw new IllegalArgumentException(
          "The series decoder gives "
              + decoder.steps()
              + " steps of width "
              + decoder.stepWidth()
              + " and patient rows of width "
              + decoder.staticWidth()
              + " but the encoding has "
              + encoder.maxVisits()
              + ", "
              + encoder.stepLayout().width()
              + " and "
              + encoder.staticWidth());
    }
    this.encoder = encoder;
    this.decoder = decoder;
  }

  TimelineEncoder encoder() {
    return encoder;
  }

  /** The length of every generated timeline. */
  int steps() {
    return decoder.steps();
  }

  /** The first {@code patients} patients of a block, from the block's visit stream. */
  Timelines sample(int patients, RandomStream random) {
    RandomStream noiseStream = random.split();
    RandomStream drawStream = random.split();
    int noiseDim = decoder.noiseDim();
    float[] noise = new float[Math.multiplyExact(patients, noiseDim)];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) noiseStream.nextGaussian();
    }
    SeriesDecoder.Output raw = decoder.forward(noise, patients);
    EncodedLayout staticLayout = encoder.staticLayout();
    EncodedLayout stepLayout = encoder.stepLayout();
    int staticWidth = staticLayout.width();
    int stepWidth = stepLayout.width();
    int steps = decoder.steps();
    float[] statics = new float[patients * staticWidth];
    float[] visits = new float[Math.multiplyExact(patients * steps, stepWidth)];
    for (int p = 0; p < patients; p++) {
      OutputSampling.activateRow(
          raw.statics(), p * staticWidth, staticLayout, statics, p * staticWidth, drawStream);
      for (int t = 0; t < steps; t++) {
        int row = (p * steps + t) * stepWidth;
        OutputSampling.activateRow(raw.steps(), row, stepLayout, visits, row, drawStream);
      }
    }
    Table patientRows = encoder.decodeStatics(statics, patients);
    int[] lengths = new int[patients];
    Arrays.fill(lengths, steps);
    return encoder.decode(patientRows, lengths, visits);
  }
}
