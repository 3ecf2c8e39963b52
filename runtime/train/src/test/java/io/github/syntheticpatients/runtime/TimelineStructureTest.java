package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.VisitStructure;
import io.github.syntheticpatients.runtime.training.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting-process data (one row per interval: a visit number, the interval's start and stop, each
 * stop the next start) end to end: inference records the visit counter and the interval end, and
 * both generators produce them exactly on every sampled visit, the last stop from a learned
 * interval of at least 0.
 */
class TimelineStructureTest {
  private static final int PATIENTS = 150;

  @TempDir static Path dir;
  private static Path csv;

  @BeforeAll
  static void write() throws Exception {
    csv = dir.resolve("intervals.csv");
    Files.writeString(csv, intervals(new SplittableRandom(17)));
  }

  /**
   * Patients with an arm and 1 to 5 intervals: each starts where the previous one stopped and lasts
   * 5 to 60 days; an event ends every interval but the last with probability 0.7.
   */
  private static String intervals(SplittableRandom random) {
    StringBuilder csv = new StringBuilder("id,arm,tstart,enum,tstop,status\n");
    for (int p = 1; p <= PATIENTS; p++) {
      String arm = random.nextBoolean() ? "a" : "b";
      int visits = 1 + random.nextInt(arm.equals("a") ? 5 : 3);
      int start = 0;
      for (int v = 1; v <= visits; v++) {
        int stop = start + 5 + random.nextInt(56);
        int event = v < visits && random.nextDouble() < 0.7 ? 1 : 0;
        csv.append(
            String.format(Locale.ROOT, "%d,%s,%d,%d,%d,%d%n", p, arm, start, v, stop, event));
        start = stop;
      }
    }
    return csv.toString();
  }

  private static SyntheticModel train(String generator, int epochs) {
    Path output = dir.resolve(generator + "/intervals.synth");
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator(generator)
            .withEpochs(epochs)
            .withSeed(5)
            .withOption("privacyGate", "warn");
    Training.train(
        new TrainRequest(csv, null, output, settings, false).withLongitudinal("id", "tstart"),
        null);
    return ModelLoader.load(output.toString());
  }

  /** Checks every sampled visit against the rule, and returns the patients' visit count. */
  private static int assertStructureHolds(SyntheticModel model) {
    SampleResult sampled = model.sample(SampleRequest.of(400, 9));
    int visits = 0;
    for (PatientTimeline patient : sampled.timelines()) {
      List<PatientRecord> rows = patient.visits();
      for (int v = 0; v < rows.size(); v++) {
        double start = number(rows.get(v).get("tstart"));
        double stop = number(rows.get(v).get("tstop"));
        assertThat(number(rows.get(v).get("enum"))).isEqualTo(v + 1);
        if (v + 1 < rows.size()) {
          assertThat(stop).isEqualTo(number(rows.get(v + 1).get("tstart")));
        } else {
          assertThat(stop).isGreaterThanOrEqualTo(start);
        }
        visits++;
      }
    }
    return visits;
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  @Test
  void theTimelineArgnProducesTheCounterAndTheIntervalEnds() {
    SyntheticModel model = train("argn", 15);
    TableSchema schema = TableSchema.of(model.schema());
    assertThat(schema.visitStructure()).isEqualTo(new VisitStructure("enum", 1, "tstop"));
    int visits = assertStructureHolds(model);
    // Patients with several intervals come out too, so the rule is exercised beyond first visits.
    assertThat(visits).isGreaterThan(450);
  }

  @Test
  void theTimelineGanProducesThemToo() {
    SyntheticModel model = train("lstm-wgan", 2);
    assertThat(model.info().generator()).isEqualTo("lstm-wgan");
    assertThat(assertStructureHolds(model)).isGreaterThan(400);
  }
}
