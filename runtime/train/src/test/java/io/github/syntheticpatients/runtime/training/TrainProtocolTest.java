package io.github.syntheticpatients.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainProtocolTest {
  @TempDir Path dir;

  @Test
  void everyFieldSurvivesTheRoundTrip() {
    TrainSettings settings =
        new TrainSettings("basic", 7, 64, -99L, Map.of("maxModes", "4", "privacyGate", "warn"));
    TrainRequest request =
        new TrainRequest(
            dir.resolve("visits"),
            dir.resolve("s.json"),
            dir.resolve("m.synth"),
            settings,
            true,
            "id",
            "day");
    Path file = dir.resolve("request.json");

    TrainProtocol.write(request, file);

    assertThat(TrainProtocol.read(file)).isEqualTo(request);
  }

  @Test
  void absentOptionalFieldsStayAbsentAndPathsBecomeAbsolute() {
    TrainRequest request =
        new TrainRequest(Path.of("a.csv"), null, Path.of("m.synth"), null, false);
    Path file = dir.resolve("request.json");

    TrainProtocol.write(request, file);
    TrainRequest read = TrainProtocol.read(file);

    assertThat(read.input()).isEqualTo(Path.of("a.csv").toAbsolutePath());
    assertThat(read.schemaFile()).isNull();
    assertThat(read.entityId()).isNull();
    assertThat(read.time()).isNull();
    assertThat(read.force()).isFalse();
    assertThat(read.settings()).isEqualTo(TrainSettings.defaults());
  }

  @Test
  void anUnknownPropertyIsRefusedNamingTheKnownOnes() throws IOException {
    Path file = dir.resolve("request.json");
    TrainProtocol.write(
        new TrainRequest(Path.of("a.csv"), null, Path.of("m.synth"), null, false), file);
    // An old plugin's flag spelling, as a property.
    Files.writeString(
        file, Files.readString(file).replace("\"force\"", "\"batch-size\": 5,\n  \"force\""));

    assertThatThrownBy(() -> TrainProtocol.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("request.json")
        .hasMessageContaining("unknown property \"batch-size\"")
        .hasMessageContaining("[entityId, force, input, output, schema, settings, time, version]");
  }

  @Test
  void anotherVersionIsRefusedAsAMixedInstallation() throws IOException {
    Path file = dir.resolve("request.json");
    TrainProtocol.write(
        new TrainRequest(Path.of("a.csv"), null, Path.of("m.synth"), null, false), file);
    Files.writeString(file, Files.readString(file).replace("\"version\": 1", "\"version\": 0"));

    assertThatThrownBy(() -> TrainProtocol.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("training request of version 0, but this runtime reads version 1")
        .hasMessageContaining(
            "use one version of synthetic-maven-plugin and synthetic-patients-runtime");
  }

  @Test
  void theCommandTrainsFromARequestFile() throws IOException {
    Path csv = dir.resolve("small.csv");
    Files.write(
        csv, Files.readAllLines(TestData.path("pbc.csv")).subList(0, 121), StandardCharsets.UTF_8);
    Path model = dir.resolve("small.synth");
    Path file = dir.resolve("request.json");
    TrainProtocol.write(
        new TrainRequest(
            csv,
            null,
            model,
            TrainSettings.defaults().withGenerator("copula").withOption("privacyGate", "warn"),
            false),
        file);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit =
        TrainCommand.run(
            TrainProtocol.arguments(file, 1).subList(0, 2).toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);

    assertThat(exit).isEqualTo(TrainProtocol.EXIT_OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Trained " + model + " in ");
    assertThat(model).isRegularFile();
    assertThat(file).as("the request file, taken by the command").doesNotExist();
  }

  @Test
  void verboseIsOneMoreArgument() {
    Path file = Path.of("r.json");
    assertThat(TrainProtocol.arguments(file, 42, true))
        .containsExactly(
            "--request", file.toAbsolutePath().toString(), "--parent-pid", "42", "--verbose");
    assertThat(TrainProtocol.arguments(file, 42, false))
        .isEqualTo(TrainProtocol.arguments(file, 42));
  }

  @Test
  void theArgumentsNameTheRequestAndTheParent() {
    Path file = Path.of("r.json");
    assertThat(TrainProtocol.arguments(file, 42))
        .containsExactly("--request", file.toAbsolutePath().toString(), "--parent-pid", "42");
    assertThat(TrainProtocol.MAIN_CLASS)
        .isEqualTo("io.github.syntheticpatients.runtime.training.TrainCommand");
  }
}
