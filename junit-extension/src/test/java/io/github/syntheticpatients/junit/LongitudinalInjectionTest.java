package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Whole patients from a longitudinal model: {@code src/test/resources/models/pbcseq-60.synth},
 * trained on 60 real pbcseq patients by {@code mvn -pl junit-extension -am -Prebuild-test-models
 * package -DskipTests} (the extension's own test classpath has no DJL, so it cannot train here).
 */
class LongitudinalInjectionTest {
  static final String MODEL = "classpath:models/pbcseq-60.synth";

  record Visit(Integer day, Double bili, Double albumin) {}

  record Patient(String id, String sex, Double age, List<Visit> visits) {}

  /** A visit row: no visits list, so one per visit. */
  record VisitRow(String id, String sex, Integer day, Double bili) {}

  /** {@code bili} is measured at each visit: it cannot sit on the patient. */
  record MisplacedLab(String sex, Double bili, List<Visit> visits) {}

  static SampleResult sample(int patients, long seed) {
    return ModelLoader.load(MODEL).sample(SampleRequest.of(patients, seed));
  }

  @Test
  void injectsTimelinesAsTheRuntimeSamplesThem() {
    EngineExecutionResults results = Kit.run(TimelineTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(5));
    Map<String, String> reports = Kit.report(results, "patients");
    List<PatientTimeline> expected = sample(6, 11).timelines();
    assertThat(expected).hasSize(6).allSatisfy(p -> assertThat(p.visits()).isNotEmpty());
    assertThat(reports)
        .containsEntry("list", expected.toString())
        .containsEntry("stream", expected.toString())
        .containsEntry("single", sample(1, 11).timelines().toString())
        .containsEntry("visitRows", sample(6, 11).records().toString());
    assertThat(Kit.report(results, "ids")).containsEntry("visitRows", "6");
    assertThat(Kit.report(results, "csv").get("csv"))
        .startsWith("id,futime,status,trt,age,sex,day,");
  }

  @Test
  void mapsWholePatientsAndVisitRowsOntoOwnTypes() {
    EngineExecutionResults results = Kit.run(OwnTypeTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    StringBuilder patients = new StringBuilder();
    for (PatientTimeline timeline : sample(4, 3).timelines()) {
      PatientRecord attributes = timeline.attributes();
      List<Visit> visits =
          timeline.visits().stream()
              .map(v -> new Visit(v.getInt("day"), v.getDouble("bili"), v.getDouble("albumin")))
              .toList();
      patients.append(
          new Patient(
              attributes.getString("id"),
              attributes.getString("sex"),
              attributes.getDouble("age"),
              visits));
    }
    StringBuilder rows = new StringBuilder();
    for (PatientRecord row : sample(4, 3).records()) {
      rows.append(
          new VisitRow(
              row.getString("id"), row.getString("sex"), row.getInt("day"), row.getDouble("bili")));
    }
    assertThat(Kit.report(results, "patients"))
        .containsEntry("patients", patients.toString())
        .containsEntry("visitRows", rows.toString());
  }

  @Test
  void aComponentOnTheWrongLevelSaysWhereItBelongs() {
    EngineExecutionResults results = Kit.run(MisplacedTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failures(results).get("misplaced"))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining("of MisplacedTestCases.misplaced()")
        .hasMessageContaining(
            "Cause:\n -> 'bili' of "
                + MisplacedLab.class.getName()
                + " is a visit column (the time or a"
                + " time-varying column): it belongs in the type of 'visits'")
        .hasMessageContaining(
            "Model 'pbcseq-60' is longitudinal. Patient columns: id, futime, status, trt, age, sex\n"
                + "Visit columns (in the elements of a 'visits' list, or one visit row per record without one): day,"
                + " ascites, hepato, spiders, edema, bili, chol, albumin, alk.phos, ast, platelet, protime, stage");
  }

  @Seed(11)
  static class TimelineTestCases {
    @Test
    void list(
        @SyntheticPatients(model = MODEL, count = 6) List<PatientTimeline> patients,
        TestReporter reporter) {
      reporter.publishEntry("patients", patients.toString());
    }

    @Test
    void stream(
        @SyntheticPatients(model = MODEL, count = 6) Stream<PatientTimeline> patients,
        TestReporter reporter) {
      reporter.publishEntry("patients", patients.toList().toString());
    }

    @Test
    void single(@SyntheticPatients(model = MODEL) PatientTimeline patient, TestReporter reporter) {
      reporter.publishEntry("patients", List.of(patient).toString());
    }

    @Test
    void visitRows(
        @SyntheticPatients(model = MODEL, count = 6) List<PatientRecord> rows,
        TestReporter reporter) {
      reporter.publishEntry("patients", rows.toString());
      reporter.publishEntry(
          "ids", String.valueOf(rows.stream().map(r -> r.getString("id")).distinct().count()));
    }

    @Test
    void csv(@SyntheticPatients(model = MODEL, count = 6) Path file, TestReporter reporter)
        throws IOException {
      reporter.publishEntry("csv", Files.readAllLines(file).get(0));
    }
  }

  @Seed(3)
  static class OwnTypeTestCases {
    @Test
    void patients(
        @SyntheticPatients(model = MODEL, count = 4) List<Patient> patients,
        TestReporter reporter) {
      StringBuilder text = new StringBuilder();
      patients.forEach(text::append);
      reporter.publishEntry("patients", text.toString());
    }

    @Test
    void visitRows(
        @SyntheticPatients(model = MODEL, count = 4) List<VisitRow> rows, TestReporter reporter) {
      StringBuilder text = new StringBuilder();
      rows.forEach(text::append);
      reporter.publishEntry("patients", text.toString());
    }
  }

  static class MisplacedTestCases {
    @Test
    void misplaced(@SyntheticPatients(model = MODEL) List<MisplacedLab> patients) {}
  }
}
