package io.github.syntheticpatients.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.evaluation.EvaluateRequest;
import io.github.syntheticpatients.runtime.evaluation.Evaluation;
import io.github.syntheticpatients.runtime.evaluation.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongitudinalEvaluationFacadeTest {
  @TempDir static Path dir;
  private static Path[] files;

  /**
   * Training half, a fresh quarter and a holdout quarter of pbcseq as long-format CSVs, written
   * once.
   */
  private static synchronized Path[] pbcseqFiles() {
    if (files != null) {
      return files;
    }
    Timelines[] halves =
        TimelineFixtures.split(TimelineFixtures.load("pbcseq", "id", "day"), 0.5, 42);
    Timelines[] quarters = TimelineFixtures.split(halves[1], 0.5, 9);
    Path train = dir.resolve("train.csv");
    Path fresh = dir.resolve("fresh.csv");
    Path holdout = dir.resolve("holdout.csv");
    TimelineFixtures.writeLongFormat(halves[0], train);
    TimelineFixtures.writeLongFormat(quarters[0], fresh);
    TimelineFixtures.writeLongFormat(quarters[1], holdout);
    files = new Path[] {train, fresh, holdout};
    return files;
  }

  @Test
  void longFormatCsvsAreEvaluatedAsTimelines() throws IOException {
    Path[] f = pbcseqFiles();
    EvaluationResult result =
        Evaluation.evaluate(
            new EvaluateRequest(
                    f[1], f[0], f[2], null, dir.resolve("report"), "status", null, 3, Map.of())
                .withLongitudinal("id", "day"));
    assertThat(result.gate().failures()).isEmpty();
    assertThat(result.scores())
        .containsKeys("timelineOverall", "copiedTimelines", "patientDcrShare");
    assertThat(result.scores().get("copiedTimelines")).isZero();
    String json = Files.readString(result.jsonReport());
    assertThat(json).contains("\"longitudinal\"", "\"autocorrelation\"", "patient.copiedTimelines");
    assertThat(Files.readString(result.htmlReport())).contains("Timelines (patients)");
  }

  @Test
  void aCopyOfTheTrainingPatientsFailsTheGate() {
    Path[] f = pbcseqFiles();
    EvaluationResult result =
        Evaluation.evaluate(
            new EvaluateRequest(
                    f[0], f[0], f[2], null, dir.resolve("copy"), null, null, 3, Map.of())
                .withLongitudinal("id", "day"));
    assertThat(result.gate().passed()).isFalse();
    assertThat(result.gate().failures())
        .extracting(GateCheck::name)
        .contains("patient.copiedTimelines");
  }

  @Test
  void entityIdWithoutTimeIsRejectedNamingTheParameter() {
    assertThatThrownBy(
            () ->
                new EvaluateRequest(
                        dir.resolve("a.csv"),
                        dir.resolve("b.csv"),
                        null,
                        null,
                        dir,
                        null,
                        null,
                        1,
                        Map.of())
                    .withLongitudinal("id", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("time");
  }

  @Test
  void anUnknownTimeColumnIsRejected() {
    Path[] f = pbcseqFiles();
    assertThatThrownBy(
            () ->
                Evaluation.evaluate(
                    new EvaluateRequest(
                            f[1], f[0], null, null, dir.resolve("r"), null, null, 3, Map.of())
                        .withLongitudinal("id", "visit_day")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("visit_day");
  }
}
