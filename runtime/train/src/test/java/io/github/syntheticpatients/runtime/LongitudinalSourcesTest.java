package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.evaluation.EvaluateRequest;
import io.github.syntheticpatients.runtime.evaluation.Evaluation;
import io.github.syntheticpatients.runtime.evaluation.EvaluationResult;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Longitudinal training from the other sources the issue names: cgd (counting-process rows, a date
 * static attribute) and a directory of PhysioNet-style per-patient {@code .psv} files (hourly rows,
 * {@code NaN} missing, no id column: each file is a patient). Two epochs each: this checks the data
 * path, not the quality.
 */
class LongitudinalSourcesTest {
  @TempDir Path dir;

  private static TrainSettings quick() {
    return TrainSettings.defaults().withEpochs(2).withSeed(3).withOption("privacyGate", "warn");
  }

  @Test
  void cgdTrainsWithItsDateStaticAttribute() throws IOException {
    Path csv = Files.copy(TestData.path("cgd.csv"), dir.resolve("cgd.csv"));
    TrainRequest request =
        new TrainRequest(csv, null, dir.resolve("cgd.synth"), quick(), false)
            .withLongitudinal("id", "tstart");
    Training.train(request, null);
    SyntheticModel model = ModelLoader.load(request.output().toString());
    assertThat(model.schema().staticColumns())
        .extracting(c -> c.name())
        .contains("center", "random", "treat", "sex", "age");
    SampleResult sample = model.sample(new SampleRequest(30, 2, List.of("treat=placebo"), null));
    assertThat(sample.timelines())
        .hasSize(30)
        .allSatisfy(
            patient -> {
              assertThat(patient.attributes().get("treat")).isEqualTo("placebo");
              assertThat(patient.attributes().get("random")).isInstanceOf(LocalDate.class);
              assertThat(patient.visits()).hasSizeBetween(1, 8);
              assertThat(patient.visits().get(0).columns())
                  .contains("tstart", "enum", "tstop", "status");
            });
  }

  @Test
  void aDirectoryOfPsvFilesTrainsOnePatientPerFile() throws IOException {
    Path psv = writePsvPatients(dir.resolve("sepsis"), 30);
    TrainRequest request =
        new TrainRequest(psv, null, dir.resolve("sepsis.synth"), quick(), false)
            .withLongitudinal("patient", "ICULOS");
    TrainResult result = Training.train(request, null);
    assertThat(result.upToDate()).isFalse();
    assertThat(Training.isUpToDate(request)).isTrue();

    SyntheticModel model = ModelLoader.load(request.output().toString());
    assertThat(model.schema().entityId()).isEqualTo("patient");
    assertThat(model.schema().staticColumns())
        .extracting(c -> c.name())
        .containsExactlyInAnyOrder("Age", "Gender");
    assertThat(model.info().provenance()).containsEntry("patients", 30);
    SampleResult sample = model.sample(SampleRequest.of(20, 1));
    assertThat(sample.timelines())
        .hasSize(20)
        .allSatisfy(
            patient -> {
              assertThat(patient.visits()).hasSizeBetween(1, 12);
              assertThat(patient.visits().get(0).columns())
                  .containsExactlyInAnyOrder("HR", "Temp", "ICULOS", "SepsisLabel");
            });
    // Missing temperatures are modelled, not imputed: some synthetic visits lack one.
    assertThat(sample.records()).anySatisfy(r -> assertThat(r.isMissing("Temp")).isTrue());

    // The generated long CSV is evaluated against the directory it was learned from.
    Path synthetic = dir.resolve("sepsis-synthetic.csv");
    Generation.generate(
        new GenerateRequest(
            request.output().toString(), 30, 5, null, synthetic, OutputFormat.CSV, List.of()));
    EvaluationResult evaluation =
        Evaluation.evaluate(
            new EvaluateRequest(
                synthetic,
                psv,
                null,
                null,
                dir.resolve("report"),
                null,
                null,
                1,
                java.util.Map.of(),
                "patient",
                "ICULOS"));
    // Scored as timelines of patients, not as unrelated rows.
    assertThat(evaluation.scores())
        .containsKeys("timelineOverall", "copiedTimelines", "patientDcrShare");
    assertThat(Files.exists(evaluation.htmlReport())).isTrue();

    // A changed patient file makes the model out of date.
    Files.writeString(
        psv.resolve("b/p000007.psv"),
        "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(Training.isUpToDate(request)).isFalse();
  }

  @Test
  void maxVisitsCutsTimelinesAndForwardFillIsRecorded() throws IOException {
    Path csv = Files.copy(TestData.path("pbcseq.csv"), dir.resolve("pbcseq.csv"));
    TrainSettings settings =
        quick().withOption("maxVisits", "5").withOption("forwardFill", "bili+chol");
    TrainRequest request =
        new TrainRequest(csv, null, dir.resolve("short.synth"), settings, false)
            .withLongitudinal("id", "day");
    Training.train(request, null);
    SyntheticModel model = ModelLoader.load(request.output().toString());
    assertThat(model.info().settings())
        .containsEntry("maxVisits", 5)
        .containsEntry("forwardFill", "bili+chol");
    assertThat(model.sample(SampleRequest.of(100, 1)).timelines())
        .allSatisfy(patient -> assertThat(patient.visits()).hasSizeBetween(1, 5));

    TrainRequest unknown =
        new TrainRequest(
                csv,
                null,
                dir.resolve("bad.synth"),
                quick().withOption("forwardFill", "bilirubin"),
                false)
            .withLongitudinal("id", "day");
    assertThatThrownBy(() -> Training.train(unknown, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("forwardFill"))
        .hasMessageContaining("bilirubin");
    assertThat(Files.exists(dir.resolve("bad.synth"))).isFalse();
  }

  /**
   * Writes hourly PhysioNet-style files, half of them in a subfolder; Temp is often not measured.
   */
  static Path writePsvPatients(Path root, int patients) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    for (int p = 1; p <= patients; p++) {
      Path folder = root.resolve(p % 2 == 0 ? "a" : "b");
      Files.createDirectories(folder);
      List<String> lines = new ArrayList<>();
      lines.add("HR|Temp|Age|Gender|ICULOS|SepsisLabel");
      int hours = 3 + random.nextInt(10);
      double age = 30 + random.nextInt(50);
      int gender = random.nextInt(2);
      double hr = 70 + random.nextDouble() * 30;
      boolean septic = random.nextInt(4) == 0;
      for (int h = 1; h <= hours; h++) {
        hr += random.nextGaussian() * 3 + (septic ? 1.5 : 0);
        String temp =
            random.nextInt(3) == 0
                ? String.format(
                    Locale.ROOT, "%.1f", 36.5 + random.nextGaussian() * 0.5 + (septic ? 1 : 0))
                : "NaN";
        int label = septic && h > hours / 2 ? 1 : 0;
        lines.add(
            String.format(Locale.ROOT, "%.1f|%s|%.0f|%d|%d|%d", hr, temp, age, gender, h, label));
      }
      Files.write(
          folder.resolve(String.format(Locale.ROOT, "p%06d.psv", p)),
          lines,
          StandardCharsets.UTF_8);
    }
    return root;
  }
}
