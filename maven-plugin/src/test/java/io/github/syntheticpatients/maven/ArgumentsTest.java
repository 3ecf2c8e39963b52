package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.TrainRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgumentsTest {
  @Test
  void aPatientIdNeedsATimeColumnAndTheReverse() throws Exception {
    Longitudinal.requireBoth("id", "day");
    Longitudinal.requireBoth(null, " ");
    assertThatThrownBy(() -> Longitudinal.requireBoth("id", null))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "-Dsynthetic.entityId=id needs the time column too: set -Dsynthetic.time=<column> (<time> in the"
                + " POM), e.g. the visit day.");
    assertThatThrownBy(() -> Longitudinal.requireBoth("", "day"))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining(
            "-Dsynthetic.time=day needs the patient id column too: set -Dsynthetic.entityId=");
    assertThat(Longitudinal.directoryNeedsRoles(new java.io.File("visits")))
        .isEqualTo(
            "-Dsynthetic.input=visits is a directory: per-patient files are longitudinal data; set"
                + " -Dsynthetic.entityId=<patient id column> and -Dsynthetic.time=<time column> (when the files have no"
                + " patient id column, the file name is the id), or point -Dsynthetic.input at a CSV file.");
  }

  @Test
  void defaultModelNamesComeFromTheInputFileOrDirectory(@TempDir Path dir) throws Exception {
    Path visits = Files.createDirectories(dir.resolve("sepsis.v2"));
    assertThat(TrainMojo.inputStem(visits.toFile())).isEqualTo("sepsis.v2");
    assertThat(TrainMojo.inputStem(dir.resolve("pbcseq.csv").toFile())).isEqualTo("pbcseq");
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
        .isEqualTo(
            "Invalid file given by -Dsynthetic.input: "
                + input
                + ", line 4: the row has 19 fields");
    assertThat(TrainMojo.namingTheProperty("epochs must be 0 (automatic) or more", request))
        .isEqualTo("epochs must be 0 (automatic) or more");
  }
}
