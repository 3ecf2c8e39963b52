package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.model.ArgnTimelineContents;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.model.TimelineModel;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import java.util.Map;

/**
 * Calibrates the timeline {@code argn}'s end of sequence once the visit chain is trained: shifts
 * the stop symbol's output bias (its log-odds at every visit after the first) until the model's
 * timelines are as long on average as the real ones it was fitted with, each cut at {@code
 * maxVisits}. On a few dozen patients the stop head ends wherever early stopping left it: on cgd's
 * 36 training patients the share of one-visit timelines came out anywhere from 0.36 to 0.90 where
 * the data's is 0.58 to 0.73. The target is the mean of every fitted patient's visit count, and the
 * model keeps one number more; no value of a single record enters it.
 *
 * <p>The shift is found by bisection, each step on {@link #PATIENTS} patients sampled in plain Java
 * with a fixed seed, so the same data and seed give the same model on any machine.
 */
final class StopCalibration {
  /** Patients sampled per bisection step. */
  static final int PATIENTS = 1000;

  /** Bisection steps over [−{@link #RANGE}, {@link #RANGE}]: a final step of 0.03 in log-odds. */
  static final int STEPS = 8;

  /** The largest shift of the stop symbol's log-odds either way. */
  static final double RANGE = 4;

  private StopCalibration() {}

  /**
   * The model with its stop symbol's bias shifted so that its mean timeline length matches {@code
   * real}'s (cut at the model's {@code maxVisits}); the model itself when it never draws a stop
   * (one visit at most).
   */
  static TimelineArgn calibrate(TimelineArgn model, Timelines real, long seed) {
    if (model.maxVisits() < 2 || real.patientCount() == 0) {
      return model;
    }
    double target = meanLength(real, model.maxVisits());
    double low = -RANGE;
    double high = RANGE;
    for (int step = 0; step < STEPS; step++) {
      double shift = (low + high) / 2;
      // A larger shift stops sooner: shorter timelines.
      if (meanLength(sample(shifted(model, shift), seed), model.maxVisits()) > target) {
        low = shift;
      } else {
        high = shift;
      }
    }
    return shifted(model, (low + high) / 2);
  }

  /** The mean visit count of {@code timelines}, each cut at {@code maxVisits}. */
  static double meanLength(Timelines timelines, int maxVisits) {
    long visits = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      visits += Math.min(timelines.visitCount(p), maxVisits);
    }
    return (double) visits / timelines.patientCount();
  }

  /** The model with {@code shift} added to the stop symbol's output bias. */
  static TimelineArgn shifted(TimelineArgn model, double shift) {
    ArgnNetwork visits = model.visits();
    float[][] outBias = visits.outBias().clone();
    outBias[0] = outBias[0].clone();
    outBias[0][TimelineArgn.STOP] += (float) shift;
    ArgnNetwork network =
        new ArgnNetwork(
            visits.vocabulary(),
            visits.dims(),
            visits.hidden(),
            visits.embedding(),
            visits.hiddenWeight(),
            visits.hiddenBias(),
            visits.outWeight(),
            outBias,
            visits.anyOrder());
    return new TimelineArgn(
        model.layout(),
        model.maxVisits(),
        model.latestTime(),
        model.statics(),
        model.visitEncoding(),
        network,
        model.historyHidden(),
        model.historyInput(),
        model.historyRecurrent(),
        model.historyBias(),
        model.elapsedEdges(),
        model.remainingEdges(),
        model.context(),
        model.projection());
  }

  private static Timelines sample(TimelineArgn model, long seed) {
    TimelineModel sampler =
        (TimelineModel)
            ModelFile.load(
                ModelFile.toBytes(
                    new ArgnTimelineContents(
                        "calibration", model, Map.of(), Map.of(), Map.of(), Map.of())),
                "calibration",
                "calibration");
    return sampler.sampleTimelines(SampleRequest.of(PATIENTS, seed));
  }
}
