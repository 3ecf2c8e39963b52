package io.github.syntheticpatients.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.evaluation.EvaluateRequest;
import io.github.syntheticpatients.runtime.evaluation.Evaluation;
import io.github.syntheticpatients.runtime.evaluation.EvaluationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation takes the user's real data as it comes and counts, rather than refuses, odd synthetic
 * values.
 */
class EvaluationInputTest {
  private static final String HEADER = "age,ps,albumin,status";

  @TempDir Path dir;

  @Test
  void aHoldoutWithValuesTheTrainingFileLacksIsReadAndOddSyntheticValuesAreCounted()
      throws IOException {
    Path train = write("train.csv", rows(80, 1));
    List<String> holdoutRows = rows(80, 2);
    holdoutRows.set(1, "55.5,1,3.4,0"); // a fractional age: training ages are whole
    holdoutRows.set(2, "61,2,3.1,1"); // performance status 2: training has only 0 and 1
    holdoutRows.set(3, "47,0,,0"); // albumin missing: never missing in training
    Path holdout = write("holdout.csv", holdoutRows);
    List<String> syntheticRows = rows(80, 1); // the training rows, then five odd values
    syntheticRows.set(1, "200,1,3.5,0"); // older than any real patient
    syntheticRows.set(2, "50,9,3.5,1"); // a status no real patient has
    syntheticRows.set(3, "50,1,3.5,"); // status missing, never missing in the real data
    syntheticRows.set(4, "50,7,9.5,0"); // another unseen status, an albumin beyond the real range
    Path synthetic = write("synthetic.csv", syntheticRows);

    EvaluationResult result =
        Evaluation.evaluate(
            new EvaluateRequest(
                synthetic, train, holdout, null, dir.resolve("report"), null, null, 3, Map.of()));

    String json = Files.readString(result.jsonReport());
    assertThat(result.scores().get("syntheticValuesOutsideDomain")).isEqualTo(5.0);
    assertThat(json.replaceAll("\\s+", ""))
        .contains(
            "\"column\":\"age\",\"outOfRange\":1,\"outOfRangeRate\":0.0125,\"unexpectedMissing\":0")
        .contains(
            "\"column\":\"ps\",\"outOfRange\":0,\"outOfRangeRate\":0.0,\"unexpectedMissing\":0,"
                + "\"unexpectedMissingRate\":0.0,\"unseenCategory\":2,\"unseenCategoryRate\":0.025")
        .contains(
            "\"column\":\"status\",\"outOfRange\":0,\"outOfRangeRate\":0.0,\"unexpectedMissing\":1");
    assertThat(Files.readString(result.htmlReport()))
        .contains(
            "Synthetic values outside the real domain", "<td>ps</td><td>0</td><td>2 (2.5 %)</td>")
        .contains("The verdict is decided by ");
    // the holdout stands in for a perfect generator beside every score
    assertThat(result.scores())
        .containsKeys(
            "treeDetectionAuc",
            "freshRealTreeDetectionAuc",
            "freshRealOverall",
            "freshRealDetectionAuc");
    assertThat(json)
        .contains("\"freshReal\"", "\"treeDetection\"", "\"rowsPerSide\": 80", "\"noise\": true");
  }

  @Test
  void aSyntheticFileWithOtherColumnsIsRefusedNamingThem() throws IOException {
    Path train = write("train.csv", rows(30, 1));
    List<String> other = rows(30, 3);
    other.set(0, "Age,ps,albumin,outcome");
    Path synthetic = write("synthetic.csv", other);
    assertThatThrownBy(
            () ->
                Evaluation.evaluate(
                    new EvaluateRequest(
                        synthetic, train, null, null, dir.resolve("r"), null, null, 3, Map.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("synthetic.csv")
        .hasMessageContaining("[age, status] are not in the file")
        .hasMessageContaining("[Age, outcome] are not in the schema");
  }

  @Test
  void longitudinalDataIsReadTheSameWay() throws IOException {
    Path train = write("train.csv", visits(40, 1, 0));
    List<String> holdoutRows = visits(40, 2, 100);
    holdoutRows.set(
        5, holdoutRows.get(5).replaceFirst(",[12],", ",3,")); // grade 3: training has only 1 and 2
    holdoutRows.set(
        7, holdoutRows.get(7).replaceFirst(",[0-9.]+$", ",")); // a lab missing: never in training
    Path holdout = write("holdout.csv", holdoutRows);
    List<String> syntheticRows = visits(40, 1, 0);
    syntheticRows.set(
        4, syntheticRows.get(4).replaceFirst(",[12],", ",5,")); // a grade no real visit has
    syntheticRows.set(
        6, syntheticRows.get(6).replaceFirst(",[0-9.]+$", ",99.0")); // beyond every real lab
    Path synthetic = write("synthetic.csv", syntheticRows);

    EvaluationResult result =
        Evaluation.evaluate(
            new EvaluateRequest(
                    synthetic, train, holdout, null, dir.resolve("long"), null, null, 3, Map.of())
                .withLongitudinal("id", "day"));

    assertThat(result.scores().get("syntheticValuesOutsideDomain")).isEqualTo(2.0);
    assertThat(result.scores())
        .containsKeys("timelineOverall", "freshRealTimelineOverall", "treeDetectionAuc");
  }

  /**
   * Long format: {@code patients} patients of three visits each; sex is static, grade and lab
   * change.
   */
  private static List<String> visits(int patients, long seed, int firstId) {
    Random random = new Random(seed * 7919);
    List<String> lines = new ArrayList<>(List.of("id,day,sex,grade,lab"));
    for (int p = 0; p < patients; p++) {
      String sex = random.nextBoolean() ? "f" : "m";
      double lab = Math.round((5 + random.nextGaussian()) * 10) / 10.0;
      for (int v = 0; v < 3; v++) {
        lab = Math.round((lab + 0.3 * random.nextGaussian()) * 10) / 10.0;
        lines.add(
            "p"
                + (firstId + p)
                + ","
                + (v * 30)
                + ","
                + sex
                + ","
                + (1 + random.nextInt(2))
                + ","
                + lab);
      }
    }
    return lines;
  }

  /**
   * A header and {@code n} rows: whole ages, status 0/1 driven by albumin, albumin never missing.
   */
  private static List<String> rows(int n, long seed) {
    Random random = new Random(seed * 7919);
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (int i = 0; i < n; i++) {
      int age = 40 + random.nextInt(40);
      double albumin = Math.round((3.5 + 0.4 * random.nextGaussian()) * 10) / 10.0;
      int status = albumin < 3.4 ? 1 : 0;
      lines.add(age + "," + random.nextInt(2) + "," + albumin + "," + status);
    }
    return lines;
  }

  private Path write(String name, List<String> lines) throws IOException {
    return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
  }
}
