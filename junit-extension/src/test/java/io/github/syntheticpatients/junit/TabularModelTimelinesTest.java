package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientTimeline;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Asking a tabular model for whole patients fails, naming the parameter, the model and the fix. */
class TabularModelTimelinesTest {

  record Visit(Double bili) {}

  record Patient(String sex, List<Visit> visits) {}

  @Test
  void timelinesFromATabularModelAreAClearError() {
    EngineExecutionResults results = Kit.run(TabularTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(3).failed(3));
    Map<String, Throwable> failures = Kit.failures(results);
    assertThat(failures.get("list"))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining(
            "@SyntheticPatients cannot resolve parameter [java.util.List<"
                + PatientTimeline.class.getName()
                + "> ")
        .hasMessageContaining("of TabularTestCases.list()")
        .hasMessageContaining(
            "Cause:\n -> model 'default' is tabular: it has no patient id and time columns, so it has no timelines")
        .hasMessageContaining(
            "Inject List<PatientRecord> (or your own type) from this model, or set"
                + " @SyntheticPatients(model = …) to a longitudinal model, trained with"
                + " -Dsynthetic.entityId=<patient id column> -Dsynthetic.time=<time column>.");
    assertThat(failures.get("single")).hasMessageContaining("model 'default' is tabular");
    assertThat(failures.get("userPatients"))
        .hasMessageContaining(
            "'visits' of "
                + Patient.class.getName()
                + " asks for whole patients, but the model"
                + " is tabular (it has no patient id and time columns)")
        .hasMessageContaining("Columns of model 'default': id, time, status");
  }

  static class TabularTestCases {
    @Test
    void list(@SyntheticPatients List<PatientTimeline> patients) {}

    @Test
    void single(@SyntheticPatients PatientTimeline patient) {}

    @Test
    void userPatients(@SyntheticPatients Stream<Patient> patients) {}
  }
}
