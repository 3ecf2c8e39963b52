package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.model.TimelineModel;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dp-vaegan} on fixed-length timelines end to end: each patient's first 4 visits, the
 * patient as the unit of privacy, ε within the target from two composed stages, an encoding of the
 * declared bounds only, the same bytes from the same seed, and sampled timelines that keep the
 * rules (4 visits each, times strictly increasing, statics constant, values within the bounds); and
 * the refusals that name the option or the patient.
 */
class DpSeriesVaeGanTrainingTest {
  private static final String PLANTED_AGE = "93.25";
  private static final String PLANTED_LAB = "777.5";

  @TempDir static Path dir;
  private static Path csv;

  @BeforeAll
  static void data() throws IOException {
    csv = Files.writeString(dir.resolve("series.csv"), timelines(60, 4));
  }

  /** Patients with {@code minVisits} to {@code minVisits + 3} daily visits, some labs missing. */
  private static String timelines(int patients, int minVisits) {
    StringBuilder text = new StringBuilder("id,age,sex,day,lab,flag\n");
    SplittableRandom random = new SplittableRandom(11);
    for (int p = 1; p <= patients; p++) {
      String age =
          p == 7 ? PLANTED_AGE : String.format(Locale.ROOT, "%.2f", 30 + random.nextDouble() * 40);
      String sex = random.nextBoolean() ? "f" : "m";
      int visits = minVisits + random.nextInt(4);
      int day = random.nextInt(10);
      double lab = 20 + random.nextDouble() * 30;
      for (int v = 0; v < visits; v++) {
        String labText =
            p == 12 && v == 1
                ? PLANTED_LAB
                : random.nextInt(6) == 0 ? "" : String.format(Locale.ROOT, "%.1f", lab);
        text.append(
            String.format(
                Locale.ROOT,
                "%d,%s,%s,%d,%s,%s%n",
                p,
                age,
                sex,
                day,
                labText,
                lab > 35 ? "yes" : "no"));
        day += 1;
        lab += random.nextDouble() * 6 - 3;
      }
    }
    return text.toString();
  }

  private static TrainSettings settings() {
    return settingsWithout("");
  }

  /** The test's settings without the option {@code left}. */
  private static TrainSettings settingsWithout(String left) {
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator("dp-vaegan")
            .withEpochs(2)
            .withBatchSize(16)
            .withSeed(5)
            .withOption("privacyGate", "warn");
    Map<String, String> options =
        Map.of(
            "vaegan.steps", "4",
            "dp.epsilon", "3",
            "dp.bounds.age", "18:100",
            "dp.bounds.day", "0:30",
            "dp.bounds.lab", "0:100");
    for (Map.Entry<String, String> option : new java.util.TreeMap<>(options).entrySet()) {
      if (!option.getKey().equals(left)) {
        settings = settings.withOption(option.getKey(), option.getValue());
      }
    }
    return settings;
  }

  private static TrainRequest request(Path input, String name, TrainSettings settings) {
    return new TrainRequest(input, null, dir.resolve(name + "/model.synth"), settings, false)
        .withLongitudinal("id", "day");
  }

  @Test
  void fixedLengthSeriesTrainWithPatientLevelDpAndSampleByTheRules() throws IOException {
    TrainRequest first = request(csv, "a", settings());
    TrainRequest second = request(csv, "b", settings());
    Training.train(first, null);
    Training.train(second, null);
    byte[] a = Files.readAllBytes(first.output());
    byte[] b = Files.readAllBytes(second.output());
    assertThat(TrainingTest.entry(b, "weights.bin"))
        .isEqualTo(TrainingTest.entry(a, "weights.bin"));

    SyntheticModel model = ModelLoader.load(first.output().toString());
    assertThat(model.info().generator()).isEqualTo("dp-vaegan");
    @SuppressWarnings("unchecked")
    Map<String, Object> dp =
        (Map<String, Object>) model.info().provenance().get("differentialPrivacy");
    assertThat(dp.get("unitOfPrivacy")).isEqualTo("patient");
    long patients = ((Number) dp.get("records")).longValue();
    assertThat(patients)
        .isEqualTo(((Number) model.info().provenance().get("trainPatients")).longValue());
    double rate = 16.0 / patients;
    assertThat(((Number) dp.get("samplingRate")).doubleValue()).isEqualTo(rate);
    long perStage = (long) Math.ceil(2 / rate);
    assertThat(((Number) dp.get("steps")).longValue()).isEqualTo(2 * perStage);
    assertThat(((Number) dp.get("epsilon")).doubleValue()).isPositive().isLessThanOrEqualTo(3.0);
    assertThat(
            ((List<?>) dp.get("stages"))
                .stream().map(s -> String.valueOf(((Map<?, ?>) s).get("stage"))).toList())
        .containsExactly("vae", "critic");
    assertThat(model.info().summary()).contains("; DP-SGD, epsilon = ");
    assertThat(model.info().settings().get("vaegan.steps")).isEqualTo(4);
    String json = new String(TrainingTest.entry(a, "model.json"), StandardCharsets.UTF_8);
    assertThat(json)
        .doesNotContain(PLANTED_AGE)
        .doesNotContain(PLANTED_LAB)
        .contains("\"seriesVaegan\"");

    Timelines sampled = ((TimelineModel) model).sampleTimelines(SampleRequest.of(60, 3));
    assertThat(sampled.patientCount()).isEqualTo(60);
    double[] day = sampled.visits().column("day");
    double[] age = sampled.visits().column("age");
    double[] sex = sampled.visits().column("sex");
    double[] lab = sampled.visits().column("lab");
    for (int p = 0; p < sampled.patientCount(); p++) {
      assertThat(sampled.visitCount(p)).isEqualTo(4);
      int row = sampled.firstRow(p);
      assertThat(day[row]).isBetween(0.0, 30.0);
      assertThat(age[row]).isBetween(18.0, 100.0);
      for (int v = 1; v < 4; v++) {
        assertThat(day[row + v]).isGreaterThanOrEqualTo(day[row + v - 1] + 1);
        assertThat(age[row + v]).isEqualTo(age[row]);
        assertThat(sex[row + v]).isEqualTo(sex[row]);
      }
      for (int v = 0; v < 4; v++) {
        if (!Double.isNaN(lab[row + v])) {
          assertThat(lab[row + v]).isBetween(0.0, 100.0);
        }
      }
    }
    assertThat(
            ((TimelineModel) model).sampleTimelines(SampleRequest.of(60, 3)).visits().column("lab"))
        .containsExactly(lab);
    // Without a target there is no labeler: a static category is fixed through the decoder, and a
    // class ratio is refused with the way to get one.
    Timelines women =
        ((TimelineModel) model)
            .sampleTimelines(SampleRequest.of(20, 1).withConditions(List.of("sex=f")));
    assertThat(women.patientCount()).isEqualTo(20);
    assertThat(women.visits().column("sex"))
        .containsOnly(
            (double)
                io.github.syntheticpatients.runtime.schema.TableSchema.of(model.schema())
                    .column("sex")
                    .orElseThrow()
                    .categories()
                    .indexOf("f"));
    assertThatThrownBy(() -> model.sample(SampleRequest.of(10, 1).withBalance("sex")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no labeler")
        .hasMessageContaining("\"target\": \"sex\"");
  }

  @Test
  void aPatientWithFewerVisitsThanTheSeriesLengthIsRefusedByName() throws IOException {
    Path shortOnes = Files.writeString(dir.resolve("short.csv"), timelines(30, 2));
    assertThatThrownBy(() -> Training.train(request(shortOnes, "short", settings()), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("short.csv")
        .hasMessageContaining("patient '")
        .hasMessageContaining("vaegan.steps=4");
  }

  @Test
  void theSeriesLengthAndDpAreRequired() {
    assertThatThrownBy(
            () -> Training.train(request(csv, "nolength", settingsWithout("vaegan.steps")), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("vaegan.steps=T");
    TrainSettings noDp =
        TrainSettings.defaults()
            .withGenerator("dp-vaegan")
            .withOption("vaegan.steps", "4")
            .withOption("privacyGate", "warn");
    assertThatThrownBy(() -> Training.train(request(csv, "nodp", noDp), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("only with differential privacy");
    assertThatThrownBy(
            () -> Training.train(request(csv, "nobound", settingsWithout("dp.bounds.day")), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dp.bounds.day");
    assertThatThrownBy(
            () ->
                Training.train(
                    request(csv, "nogap", settings().withOption("vaegan.maxGap", "0")), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("vaegan.maxGap must be a number above one unit");
    assertThatThrownBy(
            () ->
                Training.train(
                    request(csv, "nofirst", settings().withOption("vaegan.firstTime", "40")), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("vaegan.firstTime must be low:high, or one value")
        .hasMessageContaining("bounds 0:30")
        .hasMessageContaining("was '40'");
  }

  /**
   * A declared first time: every sampled timeline starts where the study's design says (here day
   * 0), where on the time column's whole span an under-trained head put first visits mid-span.
   */
  @Test
  void aDeclaredFirstTimeIsWhereEverySampledTimelineStarts() throws IOException {
    TrainRequest request = request(csv, "first", settings().withOption("vaegan.firstTime", "0"));
    Training.train(request, null);
    Timelines sampled =
        ((TimelineModel) ModelLoader.load(request.output().toString()))
            .sampleTimelines(SampleRequest.of(40, 3));
    double[] day = sampled.visits().column("day");
    for (int p = 0; p < sampled.patientCount(); p++) {
      assertThat(day[sampled.firstRow(p)]).isEqualTo(0.0);
    }
  }
}
