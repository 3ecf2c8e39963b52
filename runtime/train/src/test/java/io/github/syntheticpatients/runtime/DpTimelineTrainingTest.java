package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DP training of the timeline argn end to end, the patient as the unit of privacy: the ledger's
 * steps and sampling rate in the model card, ε within the target, G11, an encoding made of the
 * declared bounds only (planted extremes never reach the model), the same bytes from the same seed,
 * and the refusals that name the option to declare.
 */
class DpTimelineTrainingTest {
  /** A planted extreme age and lab value, each held by one patient only. */
  private static final String PLANTED_AGE = "93.25";

  private static final String PLANTED_LAB = "777.5";

  @TempDir static Path dir;
  private static Path csv;

  @BeforeAll
  static void data() throws IOException {
    StringBuilder text = new StringBuilder("id,age,sex,day,lab,flag\n");
    SplittableRandom random = new SplittableRandom(11);
    for (int p = 1; p <= 80; p++) {
      String age =
          p == 7 ? PLANTED_AGE : String.format(Locale.ROOT, "%.2f", 30 + random.nextDouble() * 40);
      String sex = random.nextBoolean() ? "f" : "m";
      int visits = 1 + random.nextInt(8);
      int day = 0;
      double lab = 20 + random.nextDouble() * 30;
      for (int v = 0; v < visits; v++) {
        String labText = p == 12 && v == 1 ? PLANTED_LAB : String.format(Locale.ROOT, "%.1f", lab);
        String flag = lab > 35 ? "yes" : "no";
        text.append(
            String.format(Locale.ROOT, "%d,%s,%s,%d,%s,%s%n", p, age, sex, day, labText, flag));
        day += 30 + random.nextInt(170);
        lab += random.nextDouble() * 6 - 3;
      }
    }
    csv = Files.writeString(dir.resolve("timelines.csv"), text);
  }

  private static TrainSettings dpSettings() {
    return TrainSettings.defaults()
        .withGenerator("argn")
        .withEpochs(2)
        .withBatchSize(16)
        .withSeed(5)
        .withOption("privacyGate", "warn")
        .withOption("maxVisits", "6")
        .withOption("dp.epsilon", "3")
        .withOption("dp.bounds.age", "18:100")
        .withOption("dp.bounds.day", "0:2000")
        .withOption("dp.bounds.lab", "0:100");
  }

  private static TrainRequest request(String name, TrainSettings settings) {
    return new TrainRequest(csv, null, dir.resolve(name + "/model.synth"), settings, false)
        .withLongitudinal("id", "day");
  }

  @Test
  void aTimelineTrainsWithPatientLevelDpFromDeclaredBoundsOnly() throws IOException {
    TrainRequest first = request("a", dpSettings());
    SyntheticModel model = DpModels.trainTwiceAlike(first, request("b", dpSettings()));
    byte[] a = Files.readAllBytes(first.output());
    Map<String, Object> dp = DpModels.record(model);
    assertThat(dp.get("unitOfPrivacy")).isEqualTo("patient");
    long patients = ((Number) dp.get("records")).longValue();
    assertThat(patients)
        .isEqualTo(((Number) model.info().provenance().get("trainPatients")).longValue());
    double rate = 16.0 / patients;
    assertThat(((Number) dp.get("samplingRate")).doubleValue()).isEqualTo(rate);
    assertThat(((Number) dp.get("steps")).longValue()).isEqualTo((long) Math.ceil(2 / rate));
    assertThat(dp.get("stoppedAtBudget")).isEqualTo(false);
    assertThat(((Number) dp.get("epsilon")).doubleValue()).isPositive().isLessThanOrEqualTo(3.0);
    assertThat(dp.get("sampling")).isEqualTo("poisson");
    assertThat(model.info().provenance())
        .doesNotContainKeys("visitTrainLosses", "visitValidationLosses");

    assertThat(DpModels.g11Status(model)).isEqualTo("PASS");
    assertThat(model.info().summary()).contains("; DP-SGD, epsilon = ");
    assertThat(model.info().privacyGuarantee())
        .hasValueSatisfying(line -> assertThat(line).endsWith(", unit: patient)"));

    // The encoding holds the declared bounds and nothing read from the patients.
    String json = new String(TrainingTest.entry(a, "model.json"), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain(PLANTED_AGE).doesNotContain(PLANTED_LAB);
    Map<?, ?> timeline =
        (Map<?, ?>)
            JsonFiles.read(TrainingTest.entry(a, "model.json"), "model.json").get("argnTimeline");
    assertThat(((Number) timeline.get("latestTime")).doubleValue()).isEqualTo(2000.0);
    assertThat(timeline.get("maxVisits")).isEqualTo(6);
    List<Double> sixteenths = new ArrayList<>();
    for (int k = 1; k < 16; k++) {
      sixteenths.add(125.0 * k);
    }
    assertThat(
            ((List<?>) timeline.get("elapsedEdges")).stream().map(e -> ((Number) e).doubleValue()))
        .containsExactlyElementsOf(sixteenths);
    assertThat(lows(timeline.get("staticEncoding")))
        .containsEntry("age", 18.0)
        .containsEntry("day", 0.0);
    assertThat(lows(timeline.get("visitEncoding"))).containsEntry("lab", 0.0);

    List<String> lines = new ArrayList<>();
    GenerateResult generated =
        Generation.generate(
            new GenerateRequest(
                first.output().toString(),
                20,
                1,
                null,
                dir.resolve("out.csv"),
                OutputFormat.CSV,
                List.of()),
            lines::add);
    assertThat(lines).contains(model.info().privacyGuarantee().orElseThrow());
    Map<?, ?> modelBlock = (Map<?, ?>) JsonFiles.read(generated.provenance()).get("model");
    assertThat(((Map<?, ?>) modelBlock.get("differentialPrivacy")).get("unitOfPrivacy"))
        .isEqualTo("patient");
  }

  @Test
  void aMissingTimeBoundOrMaxVisitsIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> Training.train(request("time", without("dp.bounds.day")), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("dp.bounds.day"))
        .hasMessageContaining("dp.bounds.day=low:high");
    assertThatThrownBy(() -> Training.train(request("visits", without("maxVisits")), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("maxVisits"))
        .hasMessageContaining("maxVisits=<visits>");
    assertThatThrownBy(() -> Training.train(request("lab", without("dp.bounds.lab")), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("dp.bounds.lab"));
  }

  private static TrainSettings without(String option) {
    TrainSettings settings = dpSettings();
    Map<String, String> options = new TreeMap<>(settings.options());
    options.remove(option);
    return new TrainSettings(
        settings.generator(), settings.epochs(), settings.batchSize(), settings.seed(), options);
  }

  /** Each numeric column's {@code low} in an encoding's state. */
  private static Map<String, Double> lows(Object encoding) {
    Map<String, Double> lows = new TreeMap<>();
    for (Object column : (List<?>) ((Map<?, ?>) encoding).get("columns")) {
      Map<?, ?> state = (Map<?, ?>) column;
      if (state.get("low") instanceof Number low) {
        lows.put((String) state.get("column"), low.doubleValue());
      }
    }
    return lows;
  }
}
