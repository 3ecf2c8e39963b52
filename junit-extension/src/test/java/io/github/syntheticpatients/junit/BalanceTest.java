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

  @Test
  void everyParameterShapeGetsTheAskedClassCounts() {
    EngineExecutionResults results = Kit.run(BalancedTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(5));
    Map<String, String> counts = Kit.report(results, "status");
    assertThat(counts)
        .containsEntry("uniform", "{0=20, 1=20, 2=20}")
        .containsEntry("half", "{0=10, 1=10, 2=20}")
        .containsEntry("stream", "{0=20, 1=20, 2=20}")
        .containsEntry("csv", "{0=10, 1=10, 2=10}")
        .containsEntry("patients", "{f=6, m=6}");
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
        @SyntheticPatients(count = 60, balance = "status") List<PatientRecord> patients,
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
        @SyntheticPatients(count = 40, balance = "status:2=0.5") List<PatientRecord> patients,
        TestReporter reporter) {
      reporter.publishEntry("status", counts(patients.stream(), p -> p.get("status")));
    }

    @Test
    void stream(
        @SyntheticPatients(count = 60, balance = "status") Stream<PatientRecord> patients,
        TestReporter reporter) {
      reporter.publishEntry("status", counts(patients, p -> p.get("status")));
    }

    @Test
    void csv(@SyntheticPatients(count = 30, balance = "status") Path file, TestReporter reporter)
        throws IOException {
      List<String> lines = Files.readAllLines(file);
      int status = Arrays.asList(lines.get(0).split(",")).indexOf("status");
      reporter.publishEntry(
          "status", counts(lines.stream().skip(1), line -> line.split(",", -1)[status]));
    }

    @Test
    void patients(
        @SyntheticPatients(model = LongitudinalInjectionTest.MODEL, count = 12, balance = "sex")
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
