package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.sampling.Blocks;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline {@code argn} ({@code synthetic.generator=argn} on longitudinal data) end to end on a
 * small made-up cohort whose binary state persists from visit to visit (it flips with probability
 * 0.05), with a static arm and an end of follow-up: the model learns the persistence, and every
 * sampled patient keeps the rules of real timelines.
 */
class TimelineArgnTrainingTest {
  private static final int PATIENTS = 240;
  private static final double FLIP = 0.05;

  @TempDir static Path dir;
  private static TrainRequest request;
  private static SyntheticModel model;
  private static SampleResult sampled;

  @BeforeAll
  static void train() throws Exception {
    Path csv = dir.resolve("cohort.csv");
    Files.writeString(csv, cohort(new SplittableRandom(11)));
    TableSchema schema =
        TableSchema.of(Schemas.infer(csv, "id", "day", 5, List.of())).withEndTime("end");
    Path schemaFile = dir.resolve("cohort.schema.json");
    SchemaJson.write(schema, schemaFile);
    request = new TrainRequest(csv, schemaFile, dir.resolve("a/cohort.synth"), settings(), false);
    Training.train(request, null);
    model = ModelLoader.load(request.output().toString());
    sampled = model.sample(SampleRequest.of(2000, 5));
  }

  private static TrainSettings settings() {
    return TrainSettings.defaults()
        .withGenerator("argn")
        .withEpochs(60)
        .withSeed(3)
        .withOption("privacyGate", "warn");
  }

  /**
   * Patients with an arm, an end of follow-up (day 4 to 20), visits every 1 to 3 days from day 0 up
   * to the end (at most 8), a state that starts by arm and flips rarely, and a lab value that
   * follows the state.
   */
  private static String cohort(SplittableRandom random) {
    StringBuilder csv = new StringBuilder("id,arm,end,day,state,lab\n");
    for (int p = 1; p <= PATIENTS; p++) {
      String arm = random.nextBoolean() ? "a" : "b";
      int end = 4 + random.nextInt(17);
      boolean on = random.nextDouble() < (arm.equals("a") ? 0.8 : 0.2);
      int day = 0;
      for (int v = 0; v < 8 && day <= end; v++) {
        double lab = (on ? 7 : 4) + random.nextGaussian() * 0.5;
        csv.append(
            String.format(
                Locale.ROOT, "%d,%s,%d,%d,%s,%.1f%n", p, arm, end, day, on ? "on" : "off", lab));
        if (random.nextDouble() < FLIP) {
          on = !on;
        }
        day += 1 + random.nextInt(3);
      }
    }
    return csv.toString();
  }

  @Test
  void theModelIsATimelineArgn() {
    assertThat(model.info().generator()).isEqualTo("argn");
    assertThat(model.schema().isLongitudinal()).isTrue();
  }

  @Test
  void autoTrainsTheTimelineArgnOnLongitudinalData() throws Exception {
    TrainSettings auto =
        TrainSettings.defaults().withEpochs(2).withSeed(3).withOption("privacyGate", "warn");
    Path output = dir.resolve("auto/cohort.synth");
    Training.train(
        new TrainRequest(request.input(), request.schemaFile(), output, auto, false), null);
    assertThat(ModelLoader.load(output.toString()).info().generator()).isEqualTo("argn");
  }

  @Test
  void aStateThatPersistsInTheDataPersistsInTheSamples() {
    int same = 0;
    int pairs = 0;
    int on = 0;
    int visits = 0;
    for (PatientTimeline patient : sampled.timelines()) {
      List<PatientRecord> rows = patient.visits();
      for (int v = 0; v < rows.size(); v++) {
        Object state = rows.get(v).get("state");
        on += "on".equals(state) ? 1 : 0;
        visits++;
        if (v > 0) {
          pairs++;
          same += state.equals(rows.get(v - 1).get("state")) ? 1 : 0;
        }
      }
    }
    double persistence = (double) same / pairs;
    double p = (double) on / visits;
    // Independent visits with the same share of "on" keep the state with probability p² + (1−p)².
    double independent = p * p + (1 - p) * (1 - p);
    assertThat(pairs).isGreaterThan(2000);
    assertThat(persistence).isGreaterThan(0.85).isGreaterThan(independent + 0.25);
  }

  @Test
  void everySampledPatientKeepsTheRulesOfRealTimelines() {
    // The long-format rows, where a static attribute repeats on every visit.
    Map<Object, List<PatientRecord>> byPatient = new LinkedHashMap<>();
    for (PatientRecord row : sampled.records()) {
      byPatient.computeIfAbsent(row.get("id"), id -> new ArrayList<>()).add(row);
    }
    assertThat(byPatient).hasSize(2000);
    for (List<PatientRecord> rows : byPatient.values()) {
      assertThat(rows).hasSizeLessThanOrEqualTo(8);
      Object arm = rows.get(0).get("arm");
      double end = rows.get(0).getDouble("end");
      double previous = Double.NEGATIVE_INFINITY;
      for (PatientRecord row : rows) {
        double day = row.getDouble("day");
        assertThat(day).isGreaterThan(previous).isEqualTo(Math.rint(day)).isLessThanOrEqualTo(end);
        assertThat(row.get("arm")).isEqualTo(arm);
        assertThat(row.getDouble("end")).isEqualTo(end);
        Double lab = row.getDouble("lab");
        if (lab != null) {
          assertThat(lab * 10).isCloseTo(Math.rint(lab * 10), Offset.offset(1e-6));
        }
        previous = day;
      }
    }
  }

  @Test
  void theSameSeedSamplesTheSamePatientsWhateverTheRange() {
    SampleResult again = model.sample(SampleRequest.of(2000, 5));
    assertThat(again.timelines()).isEqualTo(sampled.timelines());
    SampleResult block = Blocks.sample(model, SampleRequest.of(300, 5), 256);
    assertThat(block.timelines()).isEqualTo(sampled.timelines().subList(256, 556));
  }

  @Test
  void aConditionOnAStaticCategoryIsMetByEveryPatient() {
    List<PatientTimeline> armB =
        model.sample(SampleRequest.of(300, 9).withConditions(List.of("arm=b"))).timelines();
    assertThat(armB).hasSize(300);
    assertThat(armB).allSatisfy(p -> assertThat(p.attributes().get("arm")).isEqualTo("b"));
  }

  @Test
  void theSameRequestTrainsTheSameModel() throws Exception {
    TrainRequest again =
        new TrainRequest(
            request.input(),
            request.schemaFile(),
            dir.resolve("b/cohort.synth"),
            settings(),
            false);
    Training.train(again, null);
    byte[] a = Files.readAllBytes(request.output());
    byte[] b = Files.readAllBytes(again.output());
    assertThat(TrainingTest.entry(b, "model.json")).isEqualTo(TrainingTest.entry(a, "model.json"));
    assertThat(TrainingTest.entry(b, "weights.bin"))
        .isEqualTo(TrainingTest.entry(a, "weights.bin"));
    // The files differ in timing.json (wall seconds); the records must not.
    assertThat(
            ModelLoader.load(again.output().toString())
                .sample(SampleRequest.of(2000, 5))
                .timelines())
        .isEqualTo(sampled.timelines());
  }
}
