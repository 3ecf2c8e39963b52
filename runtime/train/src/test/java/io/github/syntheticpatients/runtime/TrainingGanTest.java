package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.training.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One short CTGAN run through {@link Training#train}: end to end and reproducible. Two epochs only
 * (a few seconds each on 2 cores); the gate is set to warn because so short a run is not expected
 * to pass it.
 */
class TrainingGanTest {
  @TempDir Path dir;

  @Test
  void ctganTrainsEndToEndAndReproducibly() throws Exception {
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator("ctgan")
            .withEpochs(2)
            .withSeed(5)
            .withOption("privacyGate", "warn");
    TrainRequest base = TrainedCopula.request(dir.resolve("data"));
    TrainRequest first =
        new TrainRequest(
            base.input(), base.schemaFile(), dir.resolve("a/gan.synth"), settings, false);
    TrainRequest second =
        new TrainRequest(
            base.input(), base.schemaFile(), dir.resolve("b/gan.synth"), settings, false);

    List<TrainingListener.EpochProgress> epochs = new ArrayList<>();
    TrainResult result =
        Training.train(
            first,
            new TrainingListener() {
              @Override
              public void onEpoch(EpochProgress progress) {
                epochs.add(progress);
              }
            });
    Training.train(second, null);

    assertThat(result.upToDate()).isFalse();
    assertThat(result.epochs()).isBetween(1, 2);
    assertThat(epochs).hasSize(2);
    assertThat(epochs.get(1).epoch()).isEqualTo(2);
    assertThat(epochs.get(1).epochs()).isEqualTo(2);
    assertThat(epochs).allSatisfy(e -> assertThat(e.generatorLoss()).isFinite());

    byte[] a = Files.readAllBytes(first.output());
    byte[] b = Files.readAllBytes(second.output());
    assertThat(TrainingTest.entries(a))
        .containsExactly("model.json", "weights.bin", "timing.json", "checksums.json");
    assertThat(TrainingTest.entry(b, "weights.bin"))
        .isEqualTo(TrainingTest.entry(a, "weights.bin"));
    assertThat(TrainingTest.entry(b, "model.json")).isEqualTo(TrainingTest.entry(a, "model.json"));

    SyntheticModel model = ModelLoader.load(first.output().toString());
    assertThat(model.info().generator()).isEqualTo("ctgan");
    assertThat(model.info().settings()).containsEntry("privacyGate", "warn");
    assertThat(model.info().provenance())
        .containsKeys("generatorLosses", "selectedEpoch", "epochsTrained");
    assertThat(model.info().evaluation()).containsEntry("privacyGateEnforced", false);
    SampleResult sample = model.sample(new SampleRequest(50, 1, List.of("sex=m"), null));
    assertThat(sample.records())
        .hasSize(50)
        .allSatisfy(r -> assertThat(r.get("sex")).isEqualTo("m"));
    assertThat(sample.acceptanceRate()).isEqualTo(1.0);
    assertThat(Training.isUpToDate(first)).isTrue();
    assertThat(((Map<?, ?>) model.info().provenance().get("ganSettings")).get("epochs"))
        .isEqualTo(2);
  }

  /**
   * CTAB-GAN's information loss and CTAB-GAN+'s classifier loss through the options: they reach the
   * training (the model records them), the classifier predicts the schema's target, and bad values
   * are refused naming the option.
   */
  @Test
  void ctabGanLossesReachTrainingThroughTheOptionsAndBadValuesAreRefused() throws Exception {
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator("ctgan")
            .withEpochs(2)
            .withSeed(5)
            .withOption("privacyGate", "warn")
            .withOption("ganInformationLoss", "0.5")
            .withOption("ganClassifierLoss", "0.25");
    TrainRequest base = TrainedCopula.request(dir.resolve("data"));
    TrainRequest request =
        new TrainRequest(
            base.input(), base.schemaFile(), dir.resolve("ctab/gan.synth"), settings, false);
    Training.train(request, null);

    Map<?, ?> recorded =
        (Map<?, ?>)
            ModelLoader.load(request.output().toString()).info().provenance().get("ganSettings");
    assertThat(recorded.get("informationLoss")).isEqualTo(0.5);
    assertThat(recorded.get("classifierLoss")).isEqualTo(0.25);
    assertThat(recorded.get("classifierTarget")).isEqualTo("status");

    TrainRequest negative =
        new TrainRequest(
            base.input(),
            base.schemaFile(),
            dir.resolve("ctab/bad.synth"),
            settings.withOption("ganInformationLoss", "-1"),
            false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Training.train(negative, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ganInformationLoss must be a weight of 0 (off) or more, was '-1'");
    TrainRequest noTarget =
        new TrainRequest(
            base.input(),
            null,
            dir.resolve("ctab/untargeted.synth"),
            settings.withOption("ganInformationLoss", "0"),
            false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Training.train(noTarget, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ganClassifierLoss needs a discrete target column");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Training.train(
                    new TrainRequest(
                        base.input(),
                        base.schemaFile(),
                        dir.resolve("ctab/copula.synth"),
                        settings.withGenerator("copula"),
                        false),
                    null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ganClassifierLoss does nothing here");
    assertThat(dir.resolve("ctab/bad.synth")).doesNotExist();
  }

  /**
   * {@code numericEncoding=bins} end to end: the model file holds the protected grid, never a value
   * fewer than k records hold, and plain-Java sampling writes only grid values inside the bounds.
   */
  @Test
  void binnedCtganKeepsAPlantedExtremeOutOfTheModelAndSamplesOnTheGrid() throws Exception {
    Files.createDirectories(dir.resolve("bins"));
    StringBuilder csv = new StringBuilder("sex,age,lab\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 400; i++) {
      // lab: 40 % exactly 0, the rest 0.1 .. 30.0 on one decimal; row 0 holds a planted extreme.
      String lab =
          i == 0
              ? "98765.4"
              : random.nextDouble() < 0.4
                  ? "0.0"
                  : String.format(Locale.ROOT, "%.1f", 0.1 + random.nextInt(300) / 10.0);
      csv.append(random.nextBoolean() ? "m" : "f")
          .append(',')
          .append(30 + random.nextInt(50))
          .append(',')
          .append(lab)
          .append('\n');
    }
    Path input = Files.writeString(dir.resolve("bins/labs.csv"), csv.toString());
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator("ctgan")
            .withEpochs(2)
            .withSeed(5)
            .withOption("privacyGate", "warn")
            .withOption("numericEncoding", "bins");
    TrainRequest request =
        new TrainRequest(input, null, dir.resolve("bins/labs.synth"), settings, false);
    Training.train(request, null);

    String json =
        new String(
            TrainingTest.entry(Files.readAllBytes(request.output()), "model.json"),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).containsPattern("\"type\"\\s*:\\s*\"bins\"").doesNotContain("98765");
    SyntheticModel model = ModelLoader.load(request.output().toString());
    SampleResult sample = model.sample(new SampleRequest(300, 2, List.of("sex=f"), null));
    assertThat(sample.records()).hasSize(300);
    for (PatientRecord record : sample.records()) {
      assertThat(record.getString("sex")).isEqualTo("f");
      double lab = record.getDouble("lab");
      assertThat(lab).isBetween(0.0, 30.0);
      assertThat(Math.rint(lab * 10) / 10).isEqualTo(lab);
      double age = record.getDouble("age");
      assertThat(age).isBetween(30.0, 79.0).isEqualTo(Math.rint(age));
    }
  }

  @Test
  void autoKeepsTheGeneratorThatScoresBetterOnValidation() throws Exception {
    // Without argn's calibration of its marginals, which lifts a two-epoch network to about 0.01
    // below the copula, so the known answer would rest on a thin margin.
    TrainSettings settings =
        TrainSettings.defaults()
            .withEpochs(2)
            .withSeed(5)
            .withOption("privacyGate", "warn")
            .withOption("argnCalibrate", "0");
    assertThat(settings.generator()).isEqualTo("auto");
    // rotterdam: 2,982 rows, enough for auto to train argn (below 1,000 rows it fits the copula
    // only).
    Files.createDirectories(dir.resolve("data"));
    Path csv = Files.copy(TestData.path("rotterdam.csv"), dir.resolve("data/rotterdam.csv"));
    TrainRequest base = new TrainRequest(csv, null, dir.resolve("unused.synth"), settings, false);
    List<String> messages = new ArrayList<>();
    SyntheticModel auto =
        train(
            base,
            dir.resolve("auto.synth"),
            settings,
            new TrainingListener() {
              @Override
              public void onMessage(String message) {
                messages.add(message);
              }
            });
    // The oracle: each generator trained on its own with the same seed (so the same split and the
    // same fit), scored on the validation part by its own run, not by auto's comparison.
    double copula =
        validationQuality(
            train(
                base,
                dir.resolve("copula.synth"),
                TrainSettings.defaults()
                    .withEpochs(2)
                    .withSeed(5)
                    .withOption("privacyGate", "warn")
                    .withGenerator("copula"),
                null));
    double argn =
        validationQuality(
            train(base, dir.resolve("argn.synth"), settings.withGenerator("argn"), null));

    // Two argn epochs cannot match a fitted copula, so the answer is known before looking at the
    // scores.
    assertThat(copula).as("copula %.4f vs argn %.4f", copula, argn).isGreaterThan(argn + 0.02);
    assertThat(auto.info().generator()).isEqualTo("copula");
    assertThat(validationQuality(auto)).isEqualTo(copula);
    Map<?, ?> recorded = (Map<?, ?>) auto.info().provenance().get("autoSelection");
    assertThat(recorded.get("incumbent")).isEqualTo("copula");
    assertThat(recorded.get("challenger")).isEqualTo("argn");
    assertThat(((Number) recorded.get("copula")).doubleValue()).isEqualTo(copula);
    assertThat(((Number) recorded.get("ctgan")).doubleValue()).isEqualTo(argn);
    assertThat(auto.info().settings()).containsEntry("generator", "auto");
    // the CTGAN is no default candidate: no epoch of it runs, and the plan says so up front
    assertThat(messages).noneMatch(m -> m.contains("CTGAN"));
    assertThat(messages)
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(
                        String.format(
                            Locale.ROOT,
                            "auto: kept the Gaussian copula (validation quality: copula %.4f, argn %.4f;"
                                + " difference %.4f, standard error",
                            copula,
                            argn,
                            argn - copula)));
    // the tree detector's figures, with their spread, are recorded and named in the reason
    Map<?, ?> tree = (Map<?, ?>) recorded.get("treeDetectionAuc");
    assertThat(messages)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        String.format(
                            Locale.ROOT,
                            "tree-detection AUC (0.5 ideal): copula %.3f ± %.3f, argn %.3f ± %.3f",
                            tree.get("copula"),
                            tree.get("copulaStandardError"),
                            tree.get("ctgan"),
                            tree.get("ctganStandardError"))));
    assertThat(recorded.get("reason")).isIn(messages);
  }

  @Test
  void autoOnASmallTableFitsTheCopulaOnlyAndSaysWhyUpFront() {
    TrainSettings settings = TrainSettings.defaults().withSeed(5).withOption("privacyGate", "warn");
    TrainRequest base = TrainedCopula.request(dir.resolve("data"));
    List<String> messages = new ArrayList<>();
    List<TrainingListener.EpochProgress> epochs = new ArrayList<>();
    SyntheticModel auto =
        train(
            base,
            dir.resolve("auto.synth"),
            settings,
            new TrainingListener() {
              @Override
              public void onMessage(String message) {
                messages.add(message);
              }

              @Override
              public void onEpoch(EpochProgress progress) {
                epochs.add(progress);
              }
            });

    assertThat(auto.info().generator()).isEqualTo("copula");
    assertThat(epochs).isEmpty();
    assertThat(messages)
        .contains(
            "auto: fits the Gaussian copula only (no argn: 418 rows are fewer than the 1,000"
                + " a network needs to beat the copula measurably on the validation rows;"
                + " -Dsynthetic.generator=argn or ctgan trains one anyway)");
    assertThat(
            messages.indexOf(
                messages.stream().filter(m -> m.startsWith("auto:")).findFirst().orElseThrow()))
        .as("said before fitting")
        .isLessThan(
            messages.indexOf(
                messages.stream()
                    .filter(m -> m.startsWith("Fitted Gaussian copula"))
                    .findFirst()
                    .orElseThrow()));
  }

  private static SyntheticModel train(
      TrainRequest base, Path output, TrainSettings settings, TrainingListener listener) {
    Training.train(
        new TrainRequest(base.input(), base.schemaFile(), output, settings, false), listener);
    return ModelLoader.load(output.toString());
  }

  private static double validationQuality(SyntheticModel model) {
    return ((Number) model.info().evaluation().get("validationQuality")).doubleValue();
  }
}
