package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.training.Training;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Longitudinal training end to end on pbcseq (312 patients, 1,945 visits) through {@link
 * Training#train}: a short run (few epochs, so the gate only warns), then sampling, conditions,
 * output files and reproducibility.
 */
class LongitudinalTrainingTest {
  private static final int EPOCHS = 3;

  @TempDir static Path dir;
  private static TrainRequest request;
  private static SyntheticModel model;
  private static final List<TrainingListener.EpochProgress> EPOCH_LOG = new ArrayList<>();

  @BeforeAll
  static void train() throws Exception {
    Path csv = Files.copy(TestData.path("pbcseq.csv"), dir.resolve("pbcseq.csv"));
    request =
        new TrainRequest(csv, null, dir.resolve("a/pbcseq.synth"), settings(), false)
            .withLongitudinal("id", "day");
    Training.train(
        request,
        new TrainingListener() {
          @Override
          public void onEpoch(EpochProgress progress) {
            EPOCH_LOG.add(progress);
          }
        });
    model = ModelLoader.load(request.output().toString());
  }

  private static TrainSettings settings() {
    // The timeline GAN by name: auto trains the timeline argn (TimelineArgnTrainingTest).
    return TrainSettings.defaults()
        .withGenerator("lstm-wgan")
        .withEpochs(EPOCHS)
        .withSeed(7)
        .withOption("privacyGate", "warn")
        .withOption("splitDir", dir.resolve("split").toString());
  }

  @Test
  void underAThousandPatientsAThirdIsHeldOutAndTheSplitKeepsPatientsWhole() throws Exception {
    // 312 patients, fewer than 1,000: 0.3 of them (94) are held out, as for a table of 312 rows.
    assertThat(model.info().provenance()).containsEntry("holdoutPatients", 94);
    List<String> input = Files.readAllLines(request.input());
    List<String> held = Files.readAllLines(dir.resolve("split/pbcseq.holdout.csv"));
    List<String> trained = Files.readAllLines(dir.resolve("split/pbcseq.train.csv"));
    assertThat(held.get(0)).isEqualTo(input.get(0));
    assertThat(trained.get(0)).isEqualTo(input.get(0));
    Map<String, Long> visitsPerPatient = visitsPerPatient(input);
    Map<String, Long> heldVisits = visitsPerPatient(held);
    Map<String, Long> trainedVisits = visitsPerPatient(trained);
    assertThat(heldVisits).hasSize(94);
    assertThat(trainedVisits)
        .hasSize(((Number) model.info().provenance().get("trainPatients")).intValue());
    assertThat(heldVisits.keySet()).doesNotContainAnyElementsOf(trainedVisits.keySet());
    // Whole patients: every visit of a held-out or training patient is in its part.
    heldVisits.forEach((id, visits) -> assertThat(visits).isEqualTo(visitsPerPatient.get(id)));
    trainedVisits.forEach((id, visits) -> assertThat(visits).isEqualTo(visitsPerPatient.get(id)));
  }

  @Test
  void aRefusedTimelineGeneratorIsNamedWithItsFailedChecksAndTheSnapshotsTried() {
    // Every gate test at alpha 1 and a DCR "minimum effect" below any value: the gate refuses every
    // snapshot, so the
    // job judges the best three and reports all of them.
    Path output = dir.resolve("strict/pbcseq.synth");
    TrainSettings strict =
        TrainSettings.defaults()
            .withGenerator("lstm-wgan")
            .withEpochs(EPOCHS)
            .withSeed(7)
            .withOption("gate.familyAlpha", "10")
            .withOption("gate.dcrMinEffect", "-1");
    TrainRequest refused =
        new TrainRequest(request.input(), null, output, strict, false)
            .withLongitudinal("id", "day");
    assertThatThrownBy(() -> Training.train(refused, null))
        .isInstanceOfSatisfying(
            PrivacyGateException.class, e -> assertThat(e.gate().failures()).isNotEmpty())
        .hasMessageContainingAll(
            "failed the privacy gate:",
            " - G",
            "The refused model is the lstm-wgan generator of" + " epoch ",
            "Also tried and refused: the lstm-wgan generator of epoch ",
            "No model was written");
    assertThat(output).doesNotExist();
  }

  private static Map<String, Long> visitsPerPatient(List<String> lines) {
    int id = List.of(lines.get(0).split(",", -1)).indexOf("id");
    return lines.subList(1, lines.size()).stream()
        .collect(Collectors.groupingBy(line -> line.split(",", -1)[id], Collectors.counting()));
  }

  @Test
  void theModelIsLongitudinalAndRecordsHowItWasMade() {
    assertThat(EPOCH_LOG).hasSize(EPOCHS);
    assertThat(EPOCH_LOG).allSatisfy(e -> assertThat(e.generatorLoss()).isFinite());
    assertThat(model.schema().isLongitudinal()).isTrue();
    assertThat(model.schema().staticColumns())
        .extracting(c -> c.name())
        .contains("sex", "trt", "age");
    assertThat(model.info().generator()).isEqualTo("lstm-wgan");
    assertThat(model.info().provenance())
        .containsEntry("patients", 312)
        .containsEntry("rows", 1945)
        .containsKeys("trainPatients", "holdoutPatients", "generatorLosses");
    // Every epoch is a scored snapshot here (snapshotEvery defaults to epochs/10, at least 1); one
    // is kept.
    assertThat(model.info().provenance()).containsEntry("epochs", EPOCHS);
    assertThat(((Number) model.info().provenance().get("selectedEpoch")).intValue())
        .isBetween(1, EPOCHS);
    assertThat(model.info().evaluation()).containsKeys("validationQuality", "privacyGate");
    assertThat(Training.isUpToDate(request)).isTrue();
  }

  @Test
  void patientsKeepTheirStaticAttributesAndVisitTimesIncrease() {
    SampleResult sample = model.sample(SampleRequest.of(60, 3));
    assertThat(sample.timelines()).hasSize(60);
    int visits = 0;
    for (PatientTimeline patient : sample.timelines()) {
      assertThat(patient.visits()).isNotEmpty().hasSizeLessThanOrEqualTo(16);
      visits += patient.visits().size();
      long previous = Long.MIN_VALUE;
      for (PatientRecord visit : patient.visits()) {
        assertThat(visit.columns()).contains("day", "bili").doesNotContain("sex", "id");
        long day = visit.getLong("day");
        assertThat(day).isGreaterThanOrEqualTo(previous);
        previous = day;
      }
      assertThat(patient.attributes().getString("sex")).isIn("m", "f");
      assertThat(patient.attributes().getString("id")).isEqualTo(patient.id());
    }
    // The long-format rows are the same patients, visit by visit, with the static values repeated.
    assertThat(sample.records()).hasSize(visits);
    PatientTimeline first = sample.timelines().get(0);
    for (int v = 0; v < first.visits().size(); v++) {
      PatientRecord row = sample.records().get(v);
      assertThat(row.get("id")).isEqualTo(first.id());
      assertThat(row.get("sex")).isEqualTo(first.attributes().get("sex"));
      assertThat(row.get("day")).isEqualTo(first.visits().get(v).get("day"));
    }
    // Same request, same patients; another seed, others.
    assertThat(model.sample(SampleRequest.of(60, 3)).timelines()).isEqualTo(sample.timelines());
    assertThat(model.sample(SampleRequest.of(60, 4)).timelines()).isNotEqualTo(sample.timelines());
  }

  @Test
  void conditionsFixStaticAttributesOnly() {
    SampleResult women = model.sample(new SampleRequest(40, 1, List.of("sex=f", "age>=50"), null));
    assertThat(women.timelines())
        .hasSize(40)
        .allSatisfy(
            p -> {
              assertThat(p.attributes().get("sex")).isEqualTo("f");
              assertThat(p.attributes().getDouble("age")).isGreaterThanOrEqualTo(50);
            });
    assertThatThrownBy(() -> model.sample(new SampleRequest(5, 1, List.of("bili>=2"), null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'bili' changes from visit to visit")
        .hasMessageContaining("sex");
  }

  @Test
  void generationWritesLongCsvAndOnePatientPerJsonLine() throws Exception {
    Path csv = dir.resolve("out/patients.csv");
    Path jsonl = dir.resolve("out/patients.jsonl");
    String reference = request.output().toString();
    Generation.generate(
        new GenerateRequest(reference, 25, 9, null, csv, OutputFormat.CSV, List.of()));
    GenerateResult json =
        Generation.generate(
            new GenerateRequest(reference, 25, 9, null, jsonl, OutputFormat.JSONL, List.of()));

    List<String> csvLines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(csvLines.get(0)).startsWith("id,futime,status,trt,age,sex,day,");
    List<String> jsonLines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
    assertThat(jsonLines).hasSize(25);
    ObjectMapper mapper = new ObjectMapper();
    int visits = 0;
    for (String line : jsonLines) {
      JsonNode patient = mapper.readTree(line);
      assertThat(patient.get("visits").isArray()).isTrue();
      visits += patient.get("visits").size();
    }
    assertThat(csvLines).hasSize(visits + 1);
    Map<?, ?> provenance = mapper.readValue(json.provenance().toFile(), Map.class);
    assertThat(provenance.get("patients")).isEqualTo(25);
  }

  @Test
  void theSameRequestTrainsTheSameModel() throws Exception {
    TrainRequest again =
        new TrainRequest(request.input(), null, dir.resolve("b/pbcseq.synth"), settings(), false)
            .withLongitudinal("id", "day");
    Training.train(again, null);
    byte[] a = Files.readAllBytes(request.output());
    byte[] b = Files.readAllBytes(again.output());
    assertThat(TrainingTest.entry(b, "model.json")).isEqualTo(TrainingTest.entry(a, "model.json"));
    assertThat(TrainingTest.entry(b, "weights.bin"))
        .isEqualTo(TrainingTest.entry(a, "weights.bin"));
  }

  @Test
  void badSnapshotAndMomentOptionsAreRefusedByName() {
    for (String[] option : new String[][] {{"snapshotEvery", "-1"}, {"momentWeight", "lots"}}) {
      TrainRequest bad =
          new TrainRequest(
                  request.input(),
                  null,
                  dir.resolve("b.synth"),
                  settings().withOption(option[0], option[1]),
                  false)
              .withLongitudinal("id", "day");
      assertThatThrownBy(() -> Training.train(bad, null))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(option[0]);
    }
    assertThat(Files.exists(dir.resolve("b.synth"))).isFalse();
  }

  @Test
  void tabularGeneratorsAreRefusedForTimelines() {
    TrainRequest ctgan =
        new TrainRequest(
                request.input(),
                null,
                dir.resolve("c.synth"),
                settings().withGenerator("ctgan"),
                false)
            .withLongitudinal("id", "day");
    assertThatThrownBy(() -> Training.train(ctgan, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("lstm-wgan");
    assertThat(Files.exists(dir.resolve("c.synth"))).isFalse();
  }
}
