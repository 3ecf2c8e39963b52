package io.github.syntheticpatients.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path dir;

  /** Exit code, stdout and stderr of one run. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = TrainCommand.run(args, o, e);
    }
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The first {@code rows} data rows of pbc. */
  private Path smallCsv(int rows) throws IOException {
    Path csv = dir.resolve("small.csv");
    Files.write(
        csv,
        Files.readAllLines(TestData.path("pbc.csv")).subList(0, rows + 1),
        StandardCharsets.UTF_8);
    return csv;
  }

  @Test
  void trainsPrintsProgressAndThenReportsUpToDate() throws IOException {
    Path csv = smallCsv(418);
    Path model = dir.resolve("models/small.synth");
    String[] args = {
      "--input",
      csv.toString(),
      "--output",
      model.toString(),
      "--generator",
      "copula",
      "--seed",
      "3"
    };

    Run first = run(args);
    assertThat(first.err()).isEmpty();
    assertThat(first.exit()).isZero();
    assertThat(first.out())
        .contains(
            "Schema inferred from small.csv: ",
            " 1 identifier (review or edit it: synthetic:schema, then -Dsynthetic.schema)",
            "Read 418 rows x 20 columns",
            "Split ",
            "Privacy gate passed",
            "Wrote the model file (sha256 ");
    // The model's path once, in the final line, which counts the epochs that ran (none: copula).
    assertThat(first.out().lines().filter(line -> line.contains(model.toString())))
        .containsExactly(first.out().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(first.out().strip())
        .matches("(?s).*\\nTrained \\Q" + model + "\\E in \\d+\\.\\d s: 418 rows, 0 epochs run");
    assertThat(model).isRegularFile();

    Run second = run(args);
    assertThat(second.exit()).isZero();
    assertThat(second.out().strip())
        .isEqualTo(
            "Model " + model + " is up to date (same input, schema, settings, seed and version)");

    List<String> forced = new ArrayList<>(List.of(args));
    forced.add("--force");
    Run third = run(forced.toArray(String[]::new));
    assertThat(third.exit()).isZero();
    assertThat(third.out()).contains("Trained " + model + " in ");
  }

  @Test
  void aFailedPrivacyGateIsAUserErrorAndWritesNothing() throws IOException {
    // A gate set to refuse anything (every test at alpha 1, a "minimum" DCR effect below any
    // possible value): the
    // calibrated gate passes a sound copula.
    Path csv = smallCsv(120);
    Path model = dir.resolve("gate.synth");
    Run run =
        run(
            "--input",
            csv.toString(),
            "--output",
            model.toString(),
            "--generator",
            "copula",
            "--seed",
            "3",
            "--option",
            "gate.familyAlpha=10",
            "--option",
            "gate.dcrMinEffect=-1");
    assertThat(run.exit()).isEqualTo(TrainProtocol.EXIT_USER_ERROR);
    assertThat(run.err())
        .contains(
            "The trained model failed the privacy gate:",
            " - G",
            "No model was written",
            "privacyGate=warn");
    assertThat(model).doesNotExist();

    Run warned =
        run(
            "--input",
            csv.toString(),
            "--output",
            model.toString(),
            "--generator",
            "copula",
            "--seed",
            "3",
            "--option",
            "gate.familyAlpha=10",
            "--option",
            "gate.dcrMinEffect=-1",
            "--option",
            "privacyGate=warn");
    assertThat(warned.exit()).isZero();
    assertThat(warned.out()).contains("Kept because privacyGate=warn");
    assertThat(model).isRegularFile();
  }

  @Test
  void aRaggedCsvIsAUserErrorWithTheLine() throws IOException {
    Path csv = smallCsv(40);
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    lines.set(7, lines.get(7) + ",extra");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    Path model = dir.resolve("ragged.synth");

    Run run = run("--input", csv.toString(), "--output", model.toString(), "--generator", "copula");
    assertThat(run.exit()).isEqualTo(TrainProtocol.EXIT_USER_ERROR);
    assertThat(run.err()).contains("small.csv", "line 8");
    assertThat(model).doesNotExist();
  }

  @Test
  void badArgumentsAreUserErrors() throws IOException {
    Path csv = smallCsv(30);
    String output = dir.resolve("m.synth").toString();

    Run unknownOption =
        run("--input", csv.toString(), "--output", output, "--option", "learningRate=1");
    assertThat(unknownOption.exit()).isEqualTo(2);
    assertThat(unknownOption.err()).contains("Unknown training option 'learningRate'");

    Run unknownFlag = run("--input", csv.toString(), "--output", output, "--quiet", "yes");
    assertThat(unknownFlag.exit()).isEqualTo(2);
    assertThat(unknownFlag.err()).contains("Unknown option --quiet");

    assertThat(run("--input", csv.toString()).err()).contains("--output <model file> is required");
    assertThat(run("--output", output).err()).contains("--input <csv> is required");
    assertThat(run("--input").err()).contains("Option --input needs a value");
    Run badNumber = run("--input", csv.toString(), "--output", output, "--epochs", "many");
    assertThat(badNumber.exit()).isEqualTo(2);
    assertThat(badNumber.err()).contains("--epochs takes a whole number, got 'many'");
    assertThat(run("--input", csv.toString(), "--output", output, "--option", "novalue").err())
        .contains("--option takes key=value");
    assertThat(
            run(
                    "--input",
                    csv.toString(),
                    "--output",
                    output,
                    "--generator",
                    "copula",
                    "--epochs",
                    "-2")
                .exit())
        .isEqualTo(2);
    assertThat(dir.resolve("m.synth")).doesNotExist();
  }

  @Test
  void parseReadsEveryOption() {
    var request =
        TrainCommand.parse(
            List.of(
                "--input",
                "a.csv",
                "--output",
                "m.synth",
                "--schema",
                "s.json",
                "--generator",
                "basic",
                "--epochs",
                "7",
                "--batch-size",
                "64",
                "--seed",
                "99",
                "--option",
                " maxModes = 4 ",
                "--force"));
    assertThat(request.input()).isEqualTo(Path.of("a.csv"));
    assertThat(request.output()).isEqualTo(Path.of("m.synth"));
    assertThat(request.schemaFile()).isEqualTo(Path.of("s.json"));
    assertThat(request.force()).isTrue();
    assertThat(request.settings().generator()).isEqualTo("basic");
    assertThat(request.settings().epochs()).isEqualTo(7);
    assertThat(request.settings().batchSize()).isEqualTo(64);
    assertThat(request.settings().seed()).isEqualTo(99);
    assertThat(request.settings().options()).containsExactly(java.util.Map.entry("maxModes", "4"));
  }

  @Test
  void entityIdAndTimeMakeTheRequestLongitudinal() {
    var request =
        TrainCommand.parse(
            List.of(
                "--input",
                "visits/",
                "--output",
                "m.synth",
                "--entity-id",
                "id",
                "--time",
                " day "));
    assertThat(request.input()).isEqualTo(Path.of("visits/"));
    assertThat(request.entityId()).isEqualTo("id");
    assertThat(request.time()).isEqualTo("day");

    var tabular = TrainCommand.parse(List.of("--input", "a.csv", "--output", "m.synth"));
    assertThat(tabular.entityId()).isNull();
    assertThat(tabular.time()).isNull();
  }

  @Test
  void anEntityIdWithoutATimeIsAUserError() {
    Run noTime =
        run("--input", "a.csv", "--output", dir.resolve("m.synth").toString(), "--entity-id", "id");
    assertThat(noTime.exit()).isEqualTo(TrainProtocol.EXIT_USER_ERROR);
    assertThat(noTime.err()).contains("--time", "give both or neither");

    Run noId =
        run("--input", "a.csv", "--output", dir.resolve("m.synth").toString(), "--time", "day");
    assertThat(noId.exit()).isEqualTo(TrainProtocol.EXIT_USER_ERROR);
    assertThat(noId.err()).contains("--entity-id", "give both or neither");
    assertThat(dir.resolve("m.synth")).doesNotExist();
  }
}
