package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** {@link StopCalibration}: the timeline argn's timelines are as long as the real ones. */
class StopCalibrationTest {
  @Test
  void aBarelyTrainedModelSamplesTimelinesAsLongAsTheRealOnesOnAverage() {
    // 24 patients with one visit, 12 with two, 6 with three: 66 visits over 42 patients, a mean
    // of 1.571; with k = 5 the longest timeline kept is 3 visits. One epoch leaves the stop head
    // near its random start.
    List<int[]> days = new ArrayList<>();
    for (int p = 0; p < 24; p++) {
      days.add(new int[] {0});
    }
    for (int p = 0; p < 12; p++) {
      days.add(new int[] {0, 10 * (1 + p % 6)});
    }
    for (int p = 0; p < 6; p++) {
      days.add(new int[] {0, 20 + p, 50 + 2 * p});
    }
    Timelines real = TimelineValueProtectionTest.timelines(days);
    LongitudinalArgnFitting.Fitted fitted =
        LongitudinalArgnFitting.fit(
            TrainSettings.defaults().withGenerator("argn").withEpochs(1).withSeed(5),
            5,
            real,
            real,
            real,
            3,
            TrainingListener.NONE);
    TimelineArgn model = fitted.model();

    double sampled = StopCalibration.meanLength(sample(model, 99), 3);
    assertThat(sampled).isCloseTo(66.0 / 42, Offset.offset(0.06));
    // A larger stop bias gives shorter timelines, a smaller one longer.
    assertThat(StopCalibration.meanLength(sample(StopCalibration.shifted(model, 2), 99), 3))
        .isLessThan(sampled - 0.1);
    assertThat(StopCalibration.meanLength(sample(StopCalibration.shifted(model, -2), 99), 3))
        .isGreaterThan(sampled + 0.1);
  }

  private static Timelines sample(TimelineArgn model, long seed) {
    return ((io.github.syntheticpatients.runtime.model.TimelineModel)
            io.github.syntheticpatients.runtime.model.ModelFile.load(
                io.github.syntheticpatients.runtime.model.ModelFile.toBytes(
                    new io.github.syntheticpatients.runtime.model.ArgnTimelineContents(
                        "test",
                        model,
                        java.util.Map.of(),
                        java.util.Map.of(),
                        java.util.Map.of(),
                        java.util.Map.of())),
                "test",
                "test"))
        .sampleTimelines(io.github.syntheticpatients.runtime.SampleRequest.of(4000, seed));
  }
}
