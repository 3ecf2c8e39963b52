package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  @Test
  void trainCommandGetsEverySettingInAFixedOrder() {
    Path input = Path.of("data", "pbc.csv").toAbsolutePath();
    Path output = Path.of("target", "pbc.synth").toAbsolutePath();
    TrainSettings settings = new TrainSettings("basic", 5, 64, 7L, Map.of("z", "1", "a", "2"));
    assertThat(TrainMojo.arguments(new TrainRequest(input, null, output, settings, true)))
        .containsExactly(
            "--input", input.toString(), "--output", output.toString(), "--generator", "basic", "--epochs", "5",
            "--batch-size", "64", "--seed", "7", "--option", "a=2", "--option", "z=1", "--force");
  }

  @Test
  void schemaIsPassedOnlyWhenGiven() {
    Path schema = Path.of("pbc.schema.json").toAbsolutePath();
    assertThat(TrainMojo.arguments(new TrainRequest(Path.of("a.csv"), schema, Path.of("a.synth"), null, false)))
        .containsSubsequence("--schema", schema.toString())
        .doesNotContain("--force");
  }

  @Test
  void modelReferencesBecomeFileNames() {
    assertThat(GenerateMojo.fileStem("default")).isEqualTo("default");
    assertThat(GenerateMojo.fileStem("classpath:models/pbc.synth")).isEqualTo("pbc");
    assertThat(GenerateMojo.fileStem("C:\\models\\my model.SYNTH")).isEqualTo("my_model");
    assertThat(GenerateMojo.fileStem("..")).isEqualTo("model");
  }

  @Test
  void jvmArgsSplitOnWhitespace() {
    assertThat(TrainMojo.splitJvmArgs("  -Xmx2g   -Dx=y ")).containsExactly("-Xmx2g", "-Dx=y");
    assertThat(TrainMojo.splitJvmArgs(null)).isEmpty();
  }

  @Test
  void childMessagesAboutTheInputNameTheProperty() {
    Path input = Path.of("data", "bad.csv").toAbsolutePath();
    TrainRequest request = new TrainRequest(input, null, Path.of("m.synth"), null, false);
    assertThat(TrainMojo.namingTheProperty(input + ", line 4: the row has 19 fields", request))
        .isEqualTo("Invalid file given by -Dsynthetic.input: " + input + ", line 4: the row has 19 fields");
    assertThat(TrainMojo.namingTheProperty("epochs must be 0 (automatic) or more", request))
        .isEqualTo("epochs must be 0 (automatic) or more");
  }
}
