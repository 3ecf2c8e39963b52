package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
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
 * DP training end to end through {@link Training#train}: argn with DP-SGD, the guarantee in the
 * model card, G11 in the gate, ε in the generated output's provenance, reproducible to the byte,
 * and the refusals that name the parameter to change.
 */
class DpTrainingTest {
  @TempDir static Path dir;
  private static Path csv;

  @BeforeAll
  static void data() throws IOException {
    StringBuilder text = new StringBuilder("age,sex,bmi,stage\n");
    SplittableRandom random = new SplittableRandom(8);
    for (int r = 0; r < 300; r++) {
      int age = 30 + random.nextInt(50);
      String sex = random.nextBoolean() ? "f" : "m";
      double bmi = 18 + random.nextDouble() * 15 + (age > 60 ? 3 : 0);
      int stage = 1 + Math.min(3, (age - 30) / 15 + random.nextInt(2));
      text.append(String.format(Locale.ROOT, "%d,%s,%.1f,%d%n", age, sex, bmi, stage));
    }
    csv = Files.writeString(dir.resolve("patients.csv"), text);
  }

  private static TrainSettings dpSettings() {
    return TrainSettings.defaults()
        .withGenerator("argn")
        .withEpochs(2)
        .withBatchSize(32)
        .withSeed(3)
        .withOption("privacyGate", "warn")
        .withOption("dp.epsilon", "3")
        .withOption("dp.bounds.age", "18:100")
        .withOption("dp.bounds.bmi", "10:50");
  }

  private static TrainRequest request(String name, TrainSettings settings) {
    return new TrainRequest(csv, null, dir.resolve(name + "/model.synth"), settings, false);
  }

  @Test
  void dpArgnRecordsItsGuaranteeAndIsReproducible() throws IOException {
    TrainRequest first = request("a", dpSettings());
    SyntheticModel model = DpModels.trainTwiceAlike(first, request("b", dpSettings()));
    Map<String, Object> dp = DpModels.record(model);
    assertThat(dp).containsKeys("noiseMultiplier", "samplingRate", "steps", "maxGradNorm");
    assertThat(((Number) dp.get("epsilon")).doubleValue()).isPositive().isLessThanOrEqualTo(3.0);
    assertThat(dp.get("targetEpsilon")).isEqualTo(3.0);
    assertThat(dp.get("maxGradNorm")).isEqualTo(1.0);
    assertThat(dp.get("sampling")).isEqualTo("poisson");
    // 300 rows, 30 % held out, no validation part under DP: 210 training records.
    // δ = min(1e-5, 210^-1.1)
    assertThat(((Number) dp.get("delta")).doubleValue()).isEqualTo(1e-5);
    assertThat(((Number) dp.get("steps")).longValue()).isEqualTo(14); // ⌈2 / (32/210)⌉
    // No training loss leaves: it would read the records outside the accountant.
    assertThat(model.info().provenance()).doesNotContainKeys("trainLosses", "validationLosses");

    assertThat(DpModels.g11Status(model)).isEqualTo("PASS");

    assertThat(model.info().summary()).contains("; DP-SGD, epsilon = ");
    assertThat(model.info().privacyGuarantee())
        .hasValueSatisfying(line -> assertThat(line).startsWith("differential privacy: epsilon"));

    Path output = dir.resolve("out.csv");
    List<String> lines = new java.util.ArrayList<>();
    GenerateResult generated =
        Generation.generate(
            new GenerateRequest(
                first.output().toString(), 50, 1, null, output, OutputFormat.CSV, List.of()),
            lines::add);
    assertThat(lines).contains(model.info().privacyGuarantee().orElseThrow());
    Map<?, ?> provenance = (Map<?, ?>) JsonFiles.read(generated.provenance());
    Map<?, ?> modelBlock = (Map<?, ?>) provenance.get("model");
    assertThat(((Map<?, ?>) modelBlock.get("differentialPrivacy")).get("epsilon"))
        .isEqualTo(dp.get("epsilon"));
  }

  @Test
  void dpCtganRecordsItsGuaranteeAndSamples() throws IOException {
    TrainRequest request = request("ctgan", dpSettings().withGenerator("ctgan"));
    Training.train(request, null);
    SyntheticModel model = ModelLoader.load(request.output().toString());
    assertThat(model.info().generator()).isEqualTo("ctgan");
    Map<String, Object> dp = DpModels.record(model);
    assertThat(((Number) dp.get("epsilon")).doubleValue()).isPositive().isLessThanOrEqualTo(3.0);
    assertThat(dp.get("sampling")).isEqualTo("poisson");
    // One critic step per generator step: ⌈2 / (32/210)⌉ DP-SGD steps, as for argn.
    assertThat(((Number) dp.get("steps")).longValue()).isEqualTo(14);
    assertThat(model.info().provenance()).doesNotContainKeys("generatorLosses");
    assertThat(model.info().summary()).contains("; DP-SGD, epsilon = ");
    TableView rows = model.sample(SampleRequest.of(40, 2)).table();
    assertThat(rows.rowCount()).isEqualTo(40);
    // Values stay within the declared bounds, the only range the encoder knows.
    for (double age : rows.column("age")) {
      assertThat(age).isBetween(18.0, 100.0);
    }
  }

  @Test
  void dpVaeGanComposesItsThreeStagesAndIsReproducible() throws IOException {
    Path schemaFile = dir.resolve("patients-sex.schema.json");
    Schemas.write(TableSchema.of(Schemas.infer(csv)).withTarget("sex"), schemaFile);
    TrainSettings settings = dpSettings().withGenerator("dp-vaegan");
    TrainRequest first =
        new TrainRequest(csv, schemaFile, dir.resolve("vaegan-a/model.synth"), settings, false);
    TrainRequest second =
        new TrainRequest(csv, schemaFile, dir.resolve("vaegan-b/model.synth"), settings, false);
    Training.train(first, null);
    Training.train(second, null);
    byte[] a = Files.readAllBytes(first.output());
    byte[] b = Files.readAllBytes(second.output());
    assertThat(TrainingTest.entry(b, "weights.bin"))
        .isEqualTo(TrainingTest.entry(a, "weights.bin"));
    assertThat(TrainingTest.entry(b, "model.json")).isEqualTo(TrainingTest.entry(a, "model.json"));

    SyntheticModel model = ModelLoader.load(first.output().toString());
    assertThat(model.info().generator()).isEqualTo("dp-vaegan");
    Map<?, ?> dp = (Map<?, ?>) model.info().provenance().get("differentialPrivacy");
    double composed = ((Number) dp.get("epsilon")).doubleValue();
    assertThat(composed).isLessThanOrEqualTo(3.0).isGreaterThan(3.0 - 0.01);
    List<?> stages = (List<?>) dp.get("stages");
    assertThat(stages).hasSize(3);
    for (Object item : stages) {
      Map<?, ?> stage = (Map<?, ?>) item;
      // ⌈2 / (32/210)⌉ steps each, all taken: the joint noise fits the plan.
      assertThat(((Number) stage.get("steps")).longValue()).isEqualTo(14);
      double alone = ((Number) stage.get("epsilonAlone")).doubleValue();
      assertThat(alone).isPositive().isLessThan(composed);
    }
    Map<?, ?> gate = (Map<?, ?>) model.info().evaluation().get("privacyGate");
    assertThat(((List<?>) gate.get("checks")).stream().map(c -> (Map<?, ?>) c))
        .anySatisfy(
            c -> {
              assertThat(c.get("id")).isEqualTo("G11");
              assertThat(c.get("status")).isEqualTo("PASS");
            });

    TableView rows = model.sample(SampleRequest.of(200, 2)).table();
    assertThat(rows.rowCount()).isEqualTo(200);
    double[] sex = rows.column("sex");
    // The labeler draws the target: both categories occur.
    assertThat(java.util.Arrays.stream(sex).distinct().count()).isEqualTo(2);
    for (double age : rows.column("age")) {
      assertThat(age).isBetween(18.0, 100.0);
    }
  }

  @Test
  void dpVaeGanWithoutATargetHasTwoStages() {
    TrainRequest request = request("vaegan-plain", dpSettings().withGenerator("dp-vaegan"));
    Training.train(request, null);
    SyntheticModel model = ModelLoader.load(request.output().toString());
    Map<?, ?> dp = (Map<?, ?>) model.info().provenance().get("differentialPrivacy");
    assertThat((List<?>) dp.get("stages")).hasSize(2);
    assertThat(((Number) dp.get("epsilon")).doubleValue()).isLessThanOrEqualTo(3.0);
    assertThat(model.sample(SampleRequest.of(30, 1)).table().rowCount()).isEqualTo(30);
  }

  @Test
  void dpVaeGanWithoutDpIsRefused() {
    TrainSettings plain = TrainSettings.defaults().withGenerator("dp-vaegan").withEpochs(1);
    assertThatThrownBy(() -> Training.train(request("vaegan-no-dp", plain), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("generator"))
        .hasMessageContaining("dp.epsilon");
  }

  @Test
  void deltaNotBelowOneOverTheRecordsIsRefused() {
    TrainSettings settings = dpSettings().withOption("dp.delta", "0.01");
    assertThatThrownBy(() -> Training.train(request("delta", settings), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("dp.delta"))
        .hasMessageContaining("not below 1/datasetSize = 1/210");
  }

  @Test
  void aNumericColumnWithoutDeclaredBoundsIsRefused() {
    TrainSettings settings = dpSettings();
    Map<String, String> options = new java.util.TreeMap<>(settings.options());
    options.remove("dp.bounds.bmi");
    TrainSettings missing = new TrainSettings("argn", 2, 32, 3, options);
    assertThatThrownBy(() -> Training.train(request("bounds", missing), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("dp.bounds.bmi"));
  }

  @Test
  void anEncoderOptionThatDpWouldIgnoreIsRefused() {
    // under DP the encoder reads no record: min-max between the declared bounds, whatever is asked
    TrainSettings settings =
        dpSettings().withGenerator("ctgan").withOption("numericEncoding", "bins");
    assertThatThrownBy(() -> Training.train(request("dpbins", settings), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("numericEncoding"))
        .hasMessageContaining("does nothing under DP");
  }

  @Test
  void dpCopulaRecordsTheGaussianMechanismsAndTheirEpsilon() throws IOException {
    // σ = 1.5 split 0.3 / 0.7 between the two releases: 1/σ₁² + 1/σ₂² = 1/σ², so at every order
    // the Rényi DP is α/(2·1.5²). By hand, ε = min over dp_accounting's orders of
    // α/4.5 + log((α−1)/α) − (log δ + log α)/(α−1) at δ = 1e-5: 2.98480004524568 at α = 7.5.
    TrainSettings settings =
        dpSettings()
            .withGenerator("copula")
            .withOption("dp.noiseMultiplier", "1.5")
            .withOption("dp.delta", "1e-5")
            .withOption("dp.copulaMarginalShare", "0.3");
    Map<String, String> options = new java.util.TreeMap<>(settings.options());
    options.remove("dp.epsilon");
    TrainRequest request = request("copula-sigma", new TrainSettings("copula", 0, 0, 3, options));
    Training.train(request, null);
    SyntheticModel model = ModelLoader.load(request.output().toString());
    assertThat(model.info().generator()).isEqualTo("copula");
    Map<String, Object> dp = DpModels.record(model);
    assertThat(((Number) dp.get("epsilon")).doubleValue())
        .isCloseTo(2.98480004524568, within(1e-9));
    assertThat(((Number) dp.get("renyiOrder")).doubleValue()).isEqualTo(7.5);
    assertThat(dp.get("delta")).isEqualTo(1e-5);
    assertThat(dp.get("noiseMultiplier")).isEqualTo(1.5);
    assertThat(((Number) dp.get("marginalNoiseMultiplier")).doubleValue())
        .isCloseTo(1.5 / Math.sqrt(0.3), within(1e-12));
    assertThat(((Number) dp.get("correlationNoiseMultiplier")).doubleValue())
        .isCloseTo(1.5 / Math.sqrt(0.7), within(1e-12));
    assertThat(dp.get("samplingRate")).isEqualTo(1.0);
    assertThat((String) dp.get("mechanism")).startsWith("Gaussian mechanism on the marginals");
    assertThat(dp.get("records")).isEqualTo(210);
    assertThat(model.info().summary()).contains("; DP Gaussian mechanisms, epsilon = 2.98");
    assertThat(model.info().privacyGuarantee())
        .hasValue(
            "differential privacy: epsilon = 2.98, delta = 1.0E-5 (" + dp.get("mechanism") + ")");
    assertThat(DpModels.g11Status(model)).isEqualTo("PASS");
    List<String> lines = new java.util.ArrayList<>();
    Generation.generate(
        new GenerateRequest(
            request.output().toString(),
            50,
            1,
            null,
            dir.resolve("copula-out.csv"),
            OutputFormat.CSV,
            List.of()),
        lines::add);
    assertThat(lines).contains(model.info().privacyGuarantee().orElseThrow());
  }

  @Test
  void dpCopulaMeetsItsTargetAndIsReproducibleAndAutoUnderDpFitsIt() throws IOException {
    TrainRequest first = request("copula-1", dpSettings().withGenerator("copula"));
    TrainRequest second = request("copula-2", dpSettings().withGenerator("auto"));
    Training.train(first, null);
    Training.train(second, null);
    SyntheticModel model = ModelLoader.load(first.output().toString());
    SyntheticModel auto = ModelLoader.load(second.output().toString());
    assertThat(auto.info().generator()).isEqualTo("copula");
    assertThat(DpModels.record(auto)).isEqualTo(DpModels.record(model));
    assertThat(model.sample(SampleRequest.of(20, 1)).table().rowCount()).isEqualTo(20);
    assertThat(((Number) DpModels.record(model).get("epsilon")).doubleValue()).isBetween(2.99, 3.0);
  }

  @Test
  void anImpossibleRangeOnADpModelNamesTheDeclaredBoundsNotAProtectedRange() throws IOException {
    TrainRequest request = request("copula-range", dpSettings().withGenerator("copula"));
    Training.train(request, null);
    SyntheticModel model = ModelLoader.load(request.output().toString());
    assertThatThrownBy(() -> model.sample(new SampleRequest(10, 1, List.of("age>=200"), null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("conditions"))
        .hasMessageContainingAll(
            "Condition 'age>=200' cannot be met",
            "declared for it in dp.bounds.age",
            "retrain with wider dp.bounds.age")
        .hasMessageNotContaining("protected range");
  }

  @Test
  void dpCopulaWithoutDeclaredBoundsIsRefusedNamingTheOption() {
    Map<String, String> options = new java.util.TreeMap<>(dpSettings().options());
    options.remove("dp.bounds.age");
    TrainSettings missing = new TrainSettings("copula", 0, 0, 3, options);
    assertThatThrownBy(() -> Training.train(request("copula-bounds", missing), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("dp.bounds.age"));
  }

  @Test
  void aGeneratorWithoutDpTrainingIsRefused() {
    TrainSettings basic = dpSettings().withGenerator("basic");
    assertThatThrownBy(() -> Training.train(request("basic", basic), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("generator"))
        .hasMessageContaining("-Dsynthetic.generator=copula, argn");
    TrainSettings tuning = TrainSettings.defaults().withOption("dp.copulaBins", "10");
    assertThatThrownBy(() -> Training.train(request("tuning", tuning), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("dp.copulaBins"));
    TrainRequest longitudinal =
        request("timeline", dpSettings().withGenerator("lstm-wgan")).withLongitudinal("age", "bmi");
    assertThatThrownBy(() -> Training.train(longitudinal, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("generator"))
        .hasMessageContaining("of timelines needs -Dsynthetic.generator=argn or dp-vaegan");
    TrainSettings stray = TrainSettings.defaults().withOption("dp.maxGradNorm", "1");
    assertThatThrownBy(() -> Training.train(request("stray", stray), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("dp.maxGradNorm"));
  }
}
