package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @SyntheticPatients(balance = …)} run through the JUnit Platform. */
class BalanceTest {

  /**
   * Counts are exact per full block of the sequence (4,096 records, 256 patients), so each
   * parameter asks for one full block.
   */
  @Test
  void everyParameterShapeGetsTheAskedClassCountsOfAFullBlock() {
    EngineExecutionResults results = Kit.run(BalancedTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(5));
    Map<String, String> counts = Kit.report(results, "status");
    assertThat(counts)
        .containsEntry("uniform", "{0=1366, 1=1365, 2=1365}")
        .containsEntry("half", "{0=1024, 1=1024, 2=2048}")
        .containsEntry("stream", "{0=1366, 1=1365, 2=1365}")
        .containsEntry("csv", "{0=1366, 1=1365, 2=1365}")
        .containsEntry("patients", "{f=128, m=128}");
    // interleaved: the first ten records already hold every class
    assertThat(Kit.report(results, "firstTen")).containsEntry("uniform", "{0, 1, 2}");
  }

  @Test
  void aBadBalanceNamesTheAttributeAndTheFix() {
    EngineExecutionResults results = Kit.run(BadBalanceTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
    Map<String, Throwable> failures = Kit.failures(results);
    assertThat(failures.get("numeric"))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining(
            "Cause:\n -> balance: balance 'age' cannot be used: 'age' is numeric; only a categorical"
                + " or binary column can be balanced")
        .hasMessageContaining("Fix @SyntheticPatients(balance = …).");
    assertThat(failures.get("visitColumn"))
        .hasMessageContaining(
            "'ascites' changes from visit to visit; a longitudinal model balances a static attribute"
                + " only");
  }

  static <T> String counts(Stream<T> values, Function<T, Object> column) {
    return values
        .collect(
            Collectors.groupingBy(
                v -> String.valueOf(column.apply(v)), TreeMap::new, Collectors.counting()))
        .toString();
  }

  @Seed(7)
  static class BalancedTestCases {
    @Test
    void uniform(
        @SyntheticPatients(count = 4096, balance = "status") List<PatientRecord> patients,
        TestReporter reporter) {
      reporter.publishEntry("status", counts(patients.stream(), p -> p.get("status")));
      reporter.publishEntry(
          "firstTen",
          patients.subList(0, 10).stream()
              .map(p -> p.getString("status"))
              .distinct()
              .sorted()
              .collect(Collectors.joining(", ", "{", "}")));
    }

    @Test
    void half(
        @SyntheticPatients(count = 4096, balance = "status:2=0.5") List<PatientRecord> patients,
        TestReporter reporter) {
      reporter.publishEntry("status", counts(patients.stream(), p -> p.get("status")));
    }

    @Test
    void stream(
        @SyntheticPatients(count = 4096, balance = "status") Stream<PatientRecord> patients,
        TestReporter reporter) {
      reporter.publishEntry("status", counts(patients, p -> p.get("status")));
    }

    @Test
    void csv(@SyntheticPatients(count = 4096, balance = "status") Path file, TestReporter reporter)
        throws IOException {
      List<String> lines = Files.readAllLines(file);
      int status = Arrays.asList(lines.get(0).split(",")).indexOf("status");
      reporter.publishEntry(
          "status", counts(lines.stream().skip(1), line -> line.split(",", -1)[status]));
    }

    @Test
    void patients(
        @SyntheticPatients(model = LongitudinalInjectionTest.MODEL, count = 256, balance = "sex")
            List<PatientTimeline> patients,
        TestReporter reporter) {
      reporter.publishEntry("status", counts(patients.stream(), p -> p.attributes().get("sex")));
    }
  }

  static class BadBalanceTestCases {
    @Test
    void numeric(@SyntheticPatients(balance = "age") List<PatientRecord> patients) {}

    @Test
    void visitColumn(
        @SyntheticPatients(model = LongitudinalInjectionTest.MODEL, balance = "ascites")
            List<PatientTimeline> patients) {}
  }
}
