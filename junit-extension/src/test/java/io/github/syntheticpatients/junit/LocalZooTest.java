package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A team's local zoo, named by the configuration parameter {@code synthetic.zoo}. */
class LocalZooTest {
  @TempDir Path zoo;

  @Test
  void aLocalModelIsInjectedByItsId() throws IOException {
    // The bundled default model, copied into the team's zoo under an id of its own: the same bytes
    // and seed give the same patients.
    Files.createDirectories(zoo.resolve("hepatology"));
    Files.write(zoo.resolve("hepatology/team-pbc.synth"), ModelLoader.readBytes("default"));

    EngineExecutionResults results =
        Kit.run(LocalModelTestCases.class, Map.of("synthetic.zoo", zoo.toString()));

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    Map<String, String> reports = Kit.report(results, "first");
    assertThat(reports.get("fromTheLocalZoo")).isEqualTo(reports.get("fromTheBundledZoo"));
  }

  @Test
  void aMissingZooFailsNamingTheSettingAndTheDirectory() {
    Path missing = zoo.resolve("no-such-dir");
    EngineExecutionResults results =
        Kit.run(LocalModelTestCases.class, Map.of("synthetic.zoo", missing.toString()));

    results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
    assertThat(Kit.failures(results).get("fromTheLocalZoo"))
        .hasMessageContainingAll(
            "The local model zoo " + missing + " does not exist",
            "Fix the synthetic.zoo system property or junit-platform.properties key");
  }

  @Seed(3)
  static class LocalModelTestCases {
    @Test
    void fromTheLocalZoo(
        @SyntheticPatients(model = "team-pbc", count = 5) List<PatientRecord> patients,
        TestReporter reporter) {
      assertThat(patients).hasSize(5);
      reporter.publishEntry("first", patients.get(0).toString());
    }

    @Test
    void fromTheBundledZoo(
        @SyntheticPatients(model = "default", count = 5) List<PatientRecord> patients,
        TestReporter reporter) {
      reporter.publishEntry("first", patients.get(0).toString());
    }
  }
}
