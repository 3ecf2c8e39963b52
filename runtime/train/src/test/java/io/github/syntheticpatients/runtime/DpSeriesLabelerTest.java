package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.model.TimelineModel;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
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
 * Stage C of {@code dp-vaegan} on fixed-length timelines: a schema's discrete static target is
 * drawn by a DP-trained labeler whose budget is composed with the other two stages; conditions on
 * static attributes and a class ratio of the target when sampling; and the refusals that name the
 * parameter and the fix.
 */
class DpSeriesLabelerTest {
  @TempDir static Path dir;
  private static Path csv;
  private static Path model;

  @BeforeAll
  static void train() throws IOException {
    csv = Files.writeString(dir.resolve("series.csv"), timelines(60));
    model = dir.resolve("a/model.synth");
    Training.train(request("outcome", model, settings(2, "dp.epsilon", "3")), null);
  }

  /**
   * Patients with 4 to 6 daily visits; {@code outcome} is static, {@code yes} for women and {@code
   * no} for men, so a labeler that reads the patient row as sampling lays it out can learn it.
   */
  private static String timelines(int patients) {
    StringBuilder text = new StringBuilder("id,age,sex,day,lab,flag,outcome\n");
    SplittableRandom random = new SplittableRandom(17);
    for (int p = 1; p <= patients; p++) {
      String age = String.format(Locale.ROOT, "%.2f", 30 + random.nextDouble() * 40);
      boolean woman = random.nextBoolean();
      int visits = 4 + random.nextInt(3);
      double lab = 20 + random.nextDouble() * 30;
      for (int v = 0; v < visits; v++) {
        text.append(
            String.format(
                Locale.ROOT,
                "%d,%s,%s,%d,%.1f,%s,%s%n",
                p,
                age,
                woman ? "f" : "m",
                v,
                lab,
                lab > 35 ? "yes" : "no",
                woman ? "yes" : "no"));
        lab += random.nextDouble() * 6 - 3;
      }
    }
    return text.toString();
  }

  private static TrainSettings settings(int epochs, String noiseKey, String noise) {
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator("dp-vaegan")
            .withEpochs(epochs)
            .withBatchSize(16)
            .withSeed(5)
            .withOption("privacyGate", "warn")
            .withOption(noiseKey, noise);
    for (Map.Entry<String, String> option :
        new java.util.TreeMap<>(
                Map.of(
                    "vaegan.steps", "4",
                    "dp.bounds.age", "18:100",
                    "dp.bounds.day", "0:30",
                    "dp.bounds.lab", "0:100"))
            .entrySet()) {
      settings = settings.withOption(option.getKey(), option.getValue());
    }
    return settings;
  }

  /** A request with an inferred longitudinal schema whose target is {@code target}. */
  private static TrainRequest request(String target, Path output, TrainSettings settings)
      throws IOException {
    TableSchema schema = TableSchema.of(Schemas.infer(csv, "id", "day")).withTarget(target);
    Path schemaFile = Files.createDirectories(output.getParent()).resolve("schema.json");
    SchemaJson.write(schema, schemaFile);
    return new TrainRequest(csv, schemaFile, output, settings, false);
  }

  @Test
  void theLabelerIsAThirdStageOfOneComposedBudgetAndTheSameBytesFromTheSameSeed()
      throws IOException {
    Path again = dir.resolve("b/model.synth");
    Training.train(request("outcome", again, settings(2, "dp.epsilon", "3")), null);
    byte[] a = Files.readAllBytes(model);
    assertThat(TrainingTest.entry(Files.readAllBytes(again), "weights.bin"))
        .isEqualTo(TrainingTest.entry(a, "weights.bin"));

    SyntheticModel loaded = ModelLoader.load(model.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> dp =
        (Map<String, Object>) loaded.info().provenance().get("differentialPrivacy");
    long patients = ((Number) dp.get("records")).longValue();
    long perStage = (long) Math.ceil(2 / (16.0 / patients));
    assertThat(((Number) dp.get("steps")).longValue()).isEqualTo(3 * perStage);
    assertThat(((Number) dp.get("epsilon")).doubleValue()).isPositive().isLessThanOrEqualTo(3.0);
    List<?> stages = (List<?>) dp.get("stages");
    assertThat(stages.stream().map(s -> String.valueOf(((Map<?, ?>) s).get("stage"))).toList())
        .containsExactly("vae", "critic", "labeler");
    // Each stage alone spends less than the composed whole.
    for (Object stage : stages) {
      assertThat(((Number) ((Map<?, ?>) stage).get("epsilonAlone")).doubleValue())
          .isLessThan(((Number) dp.get("epsilon")).doubleValue());
    }
    String json = new String(TrainingTest.entry(a, "model.json"), StandardCharsets.UTF_8);
    assertThat(json).contains("\"labeler\"").contains("\"column\": \"outcome\"");

    Timelines sampled = ((TimelineModel) loaded).sampleTimelines(SampleRequest.of(50, 3));
    assertThat(sampled.visits().column("outcome")).containsAnyOf(0.0, 1.0).doesNotContain(2.0);
    assertThat(
            ((TimelineModel) loaded)
                .sampleTimelines(SampleRequest.of(50, 3))
                .visits()
                .column("outcome"))
        .containsExactly(sampled.visits().column("outcome"));
  }

  @Test
  void conditionsFixStaticValuesAndABalanceSetsTheTargetsRatioThroughTheLabeler() {
    SyntheticModel loaded = ModelLoader.load(model.toString());
    TimelineModel timelines = (TimelineModel) loaded;
    int yes = category(loaded, "outcome", "yes");
    int women = category(loaded, "sex", "f");

    Timelines fixed =
        timelines.sampleTimelines(
            SampleRequest.of(40, 8).withConditions(List.of("outcome=yes", "sex=f")));
    assertThat(fixed.patientCount()).isEqualTo(40);
    assertThat(fixed.visits().column("outcome")).containsOnly((double) yes);
    assertThat(fixed.visits().column("sex")).containsOnly((double) women);

    Timelines balanced =
        timelines.sampleTimelines(SampleRequest.of(40, 8).withBalance("outcome:yes=0.25"));
    assertThat(patientsWith(balanced, "outcome", yes)).isEqualTo(10);
    Timelines halves =
        timelines.sampleTimelines(
            SampleRequest.of(41, 8).withBalance("outcome").withConditions(List.of("sex=m")));
    assertThat(patientsWith(halves, "outcome", yes)).isBetween(20, 21);
    assertThat(halves.visits().column("sex")).doesNotContain((double) women);
    // The same request gives the same patients, and a shorter one their first patients.
    Timelines shorter =
        timelines.sampleTimelines(
            SampleRequest.of(12, 8).withBalance("outcome").withConditions(List.of("sex=m")));
    assertThat(shorter.visits().column("lab"))
        .containsExactly(
            java.util.Arrays.copyOf(halves.visits().column("lab"), shorter.visits().rowCount()));

    Timelines older =
        timelines.sampleTimelines(SampleRequest.of(20, 8).withConditions(List.of("age>=50")));
    assertThat(java.util.Arrays.stream(older.visits().column("age")).min().orElseThrow())
        .isGreaterThanOrEqualTo(50);
  }

  @Test
  void badConditionsAndBalancesAreRefusedNamingTheParameterAndTheFix() {
    SyntheticModel loaded = ModelLoader.load(model.toString());
    assertThatThrownBy(
            () -> loaded.sample(SampleRequest.of(5, 1).withConditions(List.of("weight=3"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("weight")
        .satisfies(
            e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("conditions"));
    assertThatThrownBy(
            () -> loaded.sample(SampleRequest.of(5, 1).withConditions(List.of("age>=500"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot be met")
        .satisfies(
            e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("conditions"));
    assertThatThrownBy(() -> loaded.sample(SampleRequest.of(5, 1).withConditions(List.of("lab>3"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("static attributes only");
    assertThatThrownBy(() -> loaded.sample(SampleRequest.of(5, 1).withBalance("sex")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("only the target its labeler draws, 'outcome'")
        .hasMessageContaining("sex=<category>")
        .satisfies(e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("balance"));
  }

  @Test
  void aTargetTheLabelerCannotDrawIsRefusedBeforeTraining() {
    assertThatThrownBy(
            () ->
                Training.train(
                    request("age", dir.resolve("age/model.synth"), settings(2, "dp.epsilon", "3")),
                    null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the schema's target 'age' is numeric, not discrete")
        .hasMessageContaining("remove \"target\" from the schema")
        .satisfies(e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("target"));
    assertThatThrownBy(
            () ->
                Training.train(
                    request(
                        "flag", dir.resolve("flag/model.synth"), settings(2, "dp.epsilon", "3")),
                    null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the schema's target 'flag' changes from visit to visit");
    assertThat(dir.resolve("age/model.synth")).doesNotExist();
  }

  /**
   * With almost no noise and more steps the labeler learns that the target follows {@code sex} (156
   * of 200 sampled patients agree on the first run): so the sampler lays out its input as training
   * did, and a condition on the target moves the other statics with it.
   */
  @Test
  void aNearlyNoiselessLabelerLearnsTheTargetFromTheRestOfThePatient() throws IOException {
    Path sharp = dir.resolve("sharp/model.synth");
    Training.train(request("outcome", sharp, settings(40, "dp.noiseMultiplier", "0.01")), null);
    SyntheticModel loaded = ModelLoader.load(sharp.toString());
    int yes = category(loaded, "outcome", "yes");
    int women = category(loaded, "sex", "f");
    Timelines sampled = ((TimelineModel) loaded).sampleTimelines(SampleRequest.of(200, 4));
    int agree = 0;
    for (int p = 0; p < sampled.patientCount(); p++) {
      int row = sampled.firstRow(p);
      boolean woman = sampled.visits().column("sex")[row] == women;
      boolean outcomeYes = sampled.visits().column("outcome")[row] == yes;
      agree += woman == outcomeYes ? 1 : 0;
    }
    // Chance gives 100 ± 7; a labeler reading a misaligned input stays there.
    assertThat(agree).isGreaterThan(140);
    Timelines yesOnly =
        ((TimelineModel) loaded)
            .sampleTimelines(SampleRequest.of(100, 4).withConditions(List.of("outcome=yes")));
    // Half the patients are women without the condition (50 ± 5 of 100).
    assertThat(patientsWith(yesOnly, "sex", women)).isGreaterThan(65);
  }

  private static int category(SyntheticModel model, String column, String value) {
    return TableSchema.of(model.schema()).column(column).orElseThrow().categories().indexOf(value);
  }

  private static int patientsWith(Timelines timelines, String column, int category) {
    int count = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      count += timelines.visits().column(column)[timelines.firstRow(p)] == category ? 1 : 0;
    }
    return count;
  }
}
