package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ParameterTypesTest {

  @Test
  void injectsEverySupportedType() {
    EngineExecutionResults results = Kit.run(SupportedTypesTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(5).failed(0));
    Map<String, String> reports = Kit.report(results, "patients");
    assertThat(reports)
        .containsEntry("list", sample(25, 42).toString())
        .containsEntry("stream", sample(25, 42).toString())
        .containsEntry("single", sample(1, 42).toString())
        .containsEntry("defaultCount", sample(10, 42).toString());
    assertThat(Kit.report(results, "count")).containsEntry("defaultCount", "10");
  }

  /**
   * What the runtime gives for the same request: the extension adds nothing to the first
   * parameter's seed.
   */
  static List<PatientRecord> sample(int rows, long seed) {
    return ModelLoader.load(ModelLoader.DEFAULT_MODEL)
        .sample(SampleRequest.of(rows, seed))
        .records();
  }

  @Test
  void writesACsvFileThatIsDeletedAfterTheTest() {
    EngineExecutionResults results = Kit.run(CsvFileTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    Map<String, String> reports = Kit.report(results, "csv");
    List<String> columns =
        ModelLoader.load("default").sample(SampleRequest.of(1, 1)).records().get(0).columns();
    assertThat(reports.get("csv"))
        .startsWith(String.join(",", columns) + "\n")
        .contains("lines=26");
    Path file = Path.of(Kit.report(results, "path").get("csv"));
    assertThat(file).doesNotExist();
    assertThat(file.getParent()).doesNotExist();
  }

  @Test
  void samplesUnderConditions() {
    EngineExecutionResults results = Kit.run(ConditionsTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(Kit.report(results, "sex")).containsEntry("womenWithEvent", "[f]");
    assertThat(Kit.report(results, "status")).containsEntry("womenWithEvent", "[2]");
  }

  @Test
  void rejectsAnUnsupportedTypeAndListsTheSupportedOnes() {
    EngineExecutionResults results = Kit.run(UnsupportedTypeTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(3).failed(3));
    Map<String, Throwable> failures = Kit.failures(results);
    assertThat(failures.get("map"))
        .isInstanceOf(org.junit.jupiter.api.extension.ParameterResolutionException.class)
        .hasMessageContaining("@SyntheticPatients cannot resolve parameter [")
        .hasMessageContaining(
            "Cause:\n -> unsupported parameter type: java.util.Map<java.lang.String, java.lang.Object>")
        .hasMessageContaining(
            "@SyntheticPatients can be injected into:\n 1. List<PatientRecord>\n 2. Stream<PatientRecord>\n"
                + " 3. PatientRecord\n 4. List<PatientTimeline>, Stream<PatientTimeline> or PatientTimeline (whole"
                + " patients of a longitudinal model)\n 5. List<T>, Stream<T> or T")
        .hasMessageContaining(" 6. java.nio.file.Path (a CSV file in a temporary directory)");
    assertThat(failures.get("string"))
        .hasMessageContaining("unsupported parameter type: java.lang.String");
    assertThat(failures.get("wildcard"))
        .hasMessageContaining("unsupported parameter type: java.util.List<?>");
  }

  @Test
  void namesTheKnownModelsForAnUnknownOne() {
    EngineExecutionResults results = Kit.run(UnknownModelTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failures(results).get("unknown"))
        .hasMessageContaining("Cause:\n -> unknown model 'no-such-model'")
        .hasMessageContaining("Known model ids: ")
        .hasMessageContaining(ModelLoader.DEFAULT_MODEL)
        .hasMessageContaining(
            "Set model to one of them, to classpath:<resource> or to a model file path");
    // No patients were injected, so there is no seed to reproduce.
    assertThat(Kit.report(results, SyntheticPatientsExtension.REPORT_KEY)).isEmpty();
  }

  @Test
  void reportsAConditionTheModelCannotMeet() {
    EngineExecutionResults results = Kit.run(BadConditionTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(Kit.failures(results).get("unknownCategory"))
        .hasMessageContaining("@SyntheticPatients cannot resolve parameter [")
        .hasMessageContaining("Cause:\n -> ")
        .hasMessageContaining("Fix @SyntheticPatients(");
  }

  @Seed(42)
  static class SupportedTypesTestCases {
    @Test
    void list(@SyntheticPatients(count = 25) List<PatientRecord> patients, TestReporter reporter) {
      assertThat(patients).hasSize(25);
      reporter.publishEntry("patients", patients.toString());
    }

    @Test
    void stream(
        @SyntheticPatients(count = 25) Stream<PatientRecord> patients, TestReporter reporter) {
      reporter.publishEntry("patients", patients.toList().toString());
    }

    @Test
    void single(@SyntheticPatients PatientRecord patient, TestReporter reporter) {
      reporter.publishEntry("patients", List.of(patient).toString());
    }

    @Test
    void defaultCount(@SyntheticPatients List<PatientRecord> patients, TestReporter reporter) {
      reporter.publishEntry("count", String.valueOf(patients.size()));
      reporter.publishEntry("patients", patients.toString());
    }

    @Test
    void readOnly(@SyntheticPatients List<PatientRecord> patients) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> patients.remove(0))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Seed(42)
  static class CsvFileTestCases {
    @Test
    void csv(@SyntheticPatients(count = 25) Path file, TestReporter reporter) throws IOException {
      List<String> lines = Files.readAllLines(file);
      reporter.publishEntry("csv", lines.get(0) + "\nlines=" + lines.size());
      reporter.publishEntry("path", file.toString());
      assertThat(file).isRegularFile();
    }
  }

  static class ConditionsTestCases {
    @Test
    void womenWithEvent(
        @SyntheticPatients(
                count = 30,
                conditions = {"sex=f", "status=2"})
            List<PatientRecord> patients,
        TestReporter reporter) {
      reporter.publishEntry(
          "sex", patients.stream().map(p -> p.getString("sex")).distinct().toList().toString());
      reporter.publishEntry(
          "status",
          patients.stream().map(p -> p.getString("status")).distinct().toList().toString());
    }
  }

  static class UnsupportedTypeTestCases {
    @Test
    void map(@SyntheticPatients Map<String, Object> patients) {}

    @Test
    void string(@SyntheticPatients String patient) {}

    @Test
    void wildcard(@SyntheticPatients List<?> patients) {}
  }

  static class UnknownModelTestCases {
    @Test
    void unknown(@SyntheticPatients(model = "no-such-model") List<PatientRecord> patients) {}
  }

  static class BadConditionTestCases {
    @Test
    void unknownCategory(
        @SyntheticPatients(conditions = "sex=unicorn") List<PatientRecord> patients) {}
  }
}
