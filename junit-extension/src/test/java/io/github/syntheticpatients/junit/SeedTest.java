package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.syntheticpatients.runtime.PatientRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class SeedTest {

  private static final String REPORT = SyntheticPatientsExtension.REPORT_KEY;

  @Test
  void reportsTheSeedOfAFailedTestAndHowToReproduceIt() {
    EngineExecutionResults results = Kit.run(FailingTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
    assertThat(Kit.failures(results).get("failsWithMethodSeed")).hasMessage("fails on purpose");
    Map<String, String> reports = Kit.report(results, REPORT);
    assertThat(reports)
        .containsEntry(
            "failsWithMethodSeed",
            "Test method 'failsWithMethodSeed' failed with seed: 42 (seed source: @Seed on method)."
                + " Reproduce with @Seed(42)")
        .containsEntry(
            "failsWithClassSeed",
            "Test method 'failsWithClassSeed' failed with seed: 8000000000 (seed source: @Seed on class)."
                + " Reproduce with @Seed(8000000000L)")
        .doesNotContainKey("passes");
  }

  @Test
  void methodSeedBeatsClassSeedWhichBeatsTheProperty() {
    EngineExecutionResults results =
        Kit.run(PrecedenceTestCases.class, Map.of("synthetic.seed", "7"));

    Map<String, String> reports = Kit.report(results, REPORT);
    assertThat(reports.get("method"))
        .contains("failed with seed: 1 (seed source: @Seed on method)");
    assertThat(reports.get("clazz")).contains("failed with seed: 2 (seed source: @Seed on class)");
  }

  @Test
  void aClassSeedReachesNestedClassesAndSubclasses() {
    Map<String, String> nested = Kit.report(Kit.run(EnclosingSeedTestCases.class), REPORT);
    Map<String, String> inherited = Kit.report(Kit.run(InheritedSeedTestCases.class), REPORT);

    assertThat(nested.get("inNestedClass"))
        .contains("failed with seed: 9 (seed source: @Seed on class)");
    assertThat(inherited.get("fails"))
        .contains("failed with seed: 13 (seed source: @Seed on class)");
  }

  @Test
  void theSeedPropertyBeatsRandom() {
    EngineExecutionResults results =
        Kit.run(UnseededTestCases.class, Map.of("synthetic.seed", "7"));

    assertThat(Kit.report(results, REPORT).get("fails"))
        .isEqualTo(
            "Test method 'fails' failed with seed: 7 (seed source: configuration parameter synthetic.seed)."
                + " Reproduce with @Seed(7)");
  }

  @Test
  void theSystemPropertyIsNamedAsSuch() {
    System.setProperty("synthetic.seed", "11");
    try {
      EngineExecutionResults results = Kit.run(UnseededTestCases.class);
      assertThat(Kit.report(results, REPORT).get("fails"))
          .contains("failed with seed: 11 (seed source: system property synthetic.seed)");
    } finally {
      System.clearProperty("synthetic.seed");
    }
  }

  @Test
  void withoutASeedARandomOneIsReported() {
    EngineExecutionResults results = Kit.run(UnseededTestCases.class);

    assertThat(Kit.report(results, REPORT).get("fails"))
        .matches(
            "Test method 'fails' failed with seed: (-?\\d+) \\(seed source: random\\)\\. Reproduce with @Seed\\(\\1L?\\)");
  }

  @Test
  void aSeedThatIsNotANumberIsAClearError() {
    EngineExecutionResults results =
        Kit.run(UnseededTestCases.class, Map.of("synthetic.seed", "forty-two"));

    assertThat(Kit.failures(results).get("fails"))
        .hasMessageContaining("Cannot read the seed")
        .hasMessageContaining("synthetic.seed is 'forty-two', which is not a whole number");
  }

  @Test
  void theSameSeedGivesTheSamePatientsAndTwoParametersDiffer() {
    EngineExecutionResults first = Kit.run(TwoParametersTestCases.class);
    EngineExecutionResults second = Kit.run(TwoParametersTestCases.class);

    Map<String, List<String>> a = Kit.reports(first, "patients");
    assertThat(a).isEqualTo(Kit.reports(second, "patients"));
    List<String> both = a.get("twoParameters");
    assertThat(both).hasSize(2);
    assertThat(both.get(0)).isNotEqualTo(both.get(1));
    // The documented derivation, from outside the extension: the first parameter samples the model
    // with the test's
    // seed (0 here), the second with SplitMix64's first output from that seed, the published
    // 0xE220A8397B1DCDAF.
    assertThat(both.get(0)).isEqualTo(ParameterTypesTest.sample(10, 0).toString());
    assertThat(both.get(1))
        .isEqualTo(ParameterTypesTest.sample(10, 0xE220A8397B1DCDAFL).toString());
  }

  @Seed(8_000_000_000L)
  static class FailingTestCases {
    @Test
    @Seed(42)
    void failsWithMethodSeed(@SyntheticPatients List<PatientRecord> patients) {
      fail("fails on purpose");
    }

    @Test
    void failsWithClassSeed(@SyntheticPatients List<PatientRecord> patients) {
      fail("fails on purpose");
    }

    @Test
    void passes(@SyntheticPatients List<PatientRecord> patients) {}
  }

  @Seed(2)
  static class PrecedenceTestCases {
    @Test
    @Seed(1)
    void method(@SyntheticPatients PatientRecord patient) {
      fail("fails on purpose");
    }

    @Test
    void clazz(@SyntheticPatients PatientRecord patient) {
      fail("fails on purpose");
    }
  }

  @Seed(9)
  static class EnclosingSeedTestCases {
    @org.junit.jupiter.api.Nested
    class Inner {
      @Test
      void inNestedClass(@SyntheticPatients PatientRecord patient) {
        fail("fails on purpose");
      }
    }
  }

  @Seed(13)
  abstract static class SeededBase {}

  static class InheritedSeedTestCases extends SeededBase {
    @Test
    void fails(@SyntheticPatients PatientRecord patient) {
      fail("fails on purpose");
    }
  }

  static class UnseededTestCases {
    @Test
    void fails(@SyntheticPatients PatientRecord patient) {
      fail("fails on purpose");
    }
  }

  static class TwoParametersTestCases {
    @Test
    @Seed(0)
    void twoParameters(
        @SyntheticPatients List<PatientRecord> first,
        TestReporter reporter,
        @SyntheticPatients List<PatientRecord> second) {
      reporter.publishEntry("patients", first.toString());
      reporter.publishEntry("patients", second.toString());
    }
  }
}
