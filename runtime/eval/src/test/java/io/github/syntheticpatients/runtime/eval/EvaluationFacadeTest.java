package io.github.syntheticpatients.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.evaluation.EvaluateRequest;
import io.github.syntheticpatients.runtime.evaluation.Evaluation;
import io.github.syntheticpatients.runtime.evaluation.EvaluationResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationFacadeTest {
  @TempDir Path dir;

  /**
   * Splits pbc.csv into train (odd rows) and holdout (even rows) files; returns {train, holdout}.
   */
  private Path[] split() throws IOException, URISyntaxException {
    Path pbc = Path.of(getClass().getResource("/data/pbc.csv").toURI());
    List<String> lines = Files.readAllLines(pbc, StandardCharsets.UTF_8);
    List<String> train = new ArrayList<>(List.of(lines.get(0)));
    List<String> holdout = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      (i % 2 == 1 ? train : holdout).add(lines.get(i));
    }
    Path t = dir.resolve("train.csv");
    Path h = dir.resolve("holdout.csv");
    Files.write(t, train, StandardCharsets.UTF_8);
    Files.write(h, holdout, StandardCharsets.UTF_8);
    return new Path[] {t, h};
  }

  @Test
  void aCopiedTrainingFileFailsTheGateAndReportsAreWrittenDeterministically() throws Exception {
    Path[] files = split();
    EvaluateRequest request =
        new EvaluateRequest(
            files[0],
            files[0],
            files[1],
            null,
            dir.resolve("report"),
            "status",
            "stage",
            42,
            Map.of());
    EvaluationResult result = Evaluation.evaluate(request);
    assertThat(result.gate().passed()).isFalse();
    assertThat(result.gate().failures()).extracting(c -> c.id()).contains("G2", "G3", "G4", "G7");
    assertThat(result.scores())
        .containsKeys("overall", "columnShapes", "columnPairTrends", "detectionAuc", "tstrRatio");
    assertThat(result.scores().get("overall")).isEqualTo(1.0);
    String json = Files.readString(result.jsonReport());
    String html = Files.readString(result.htmlReport());
    assertThat(json).contains("\"dcrShare\"", "\"checks\"", "\"G3\"", "\"valueProtectionK\": 5");
    assertThat(html)
        .contains("<svg", "Privacy gate", "FAILED")
        .doesNotContain("<script", "http://", "https://");

    EvaluationResult again = Evaluation.evaluate(request);
    assertThat(Files.readString(again.jsonReport())).isEqualTo(json);
    assertThat(Files.readString(again.htmlReport())).isEqualTo(html);
  }

  @Test
  void theHoldoutAsSyntheticPassesThePrivacyChecks() throws Exception {
    Path[] files = split();
    EvaluationResult result =
        Evaluation.evaluate(
            new EvaluateRequest(
                files[1], files[0], null, null, dir.resolve("r2"), null, null, 7, Map.of()));
    // no holdout: only G2 (IMS_T <= 1 %) and G3 can fail, and fresh real rows copy nothing
    assertThat(result.gate().failures()).extracting(c -> c.id()).doesNotContain("G2", "G3");
    assertThat(result.scores().get("overall")).isGreaterThan(0.8);
  }

  @Test
  void badInputIsRejectedWithTheParameterAndTheFix() throws Exception {
    Path[] files = split();
    assertThatThrownBy(
            () ->
                Evaluation.evaluate(
                    new EvaluateRequest(
                        files[0],
                        files[0],
                        null,
                        null,
                        dir,
                        null,
                        null,
                        1,
                        Map.of("dcrShare", 0.6))))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).parameter())
                    .isEqualTo("thresholds.dcrShare"));
    assertThatThrownBy(
            () ->
                Evaluation.evaluate(
                    new EvaluateRequest(
                        dir.resolve("missing.csv"),
                        files[0],
                        null,
                        null,
                        dir,
                        null,
                        null,
                        1,
                        Map.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () ->
                Evaluation.evaluate(
                    new EvaluateRequest(
                        files[0], files[0], null, null, dir, "nope", null, 1, Map.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(
            () ->
                new EvaluateRequest(files[0], files[0], null, null, dir, null, null, 1, Map.of())
                    .withValueProtectionK(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1 turns value protection off")
        .satisfies(
            e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("valueProtectionK"));
  }
}
