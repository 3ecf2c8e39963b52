package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelListing;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.UnknownModelException;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.sampling.LocalZoo;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's local zoo: a directory of model files, available by id beside the bundled ones. */
class LocalZooTest {
  @TempDir Path zoo;

  private Path copy(String bundledId, String relativePath) throws IOException {
    Path file = zoo.resolve(relativePath);
    Files.createDirectories(file.getParent());
    return Files.write(file, ModelLoader.readBytes(bundledId));
  }

  @Test
  void listsAndLoadsItsModelsByFileNameWithTheirSummaries() throws IOException {
    Path risk = copy("default", "hepatology/liver-risk.synth");
    Path visits = copy("pbcseq", "visits.synth");
    Files.writeString(zoo.resolve("notes.txt"), "not a model, not listed");

    LocalZoo local = LocalZoo.open(zoo);
    // The summary each file's manifest holds: the card's, as the bundled zoo's index lists it.
    assertThat(local.models())
        .containsExactly(
            new ModelListing(
                "liver-risk",
                "Hepatology. Mayo Clinic primary biliary cholangitis trial (R survival 3.5-3,"
                    + " dataset pbc); LGPL (>= 2): copula generator, 20 columns, fitted on 175 of"
                    + " 313 rows (the rest held out for validation and the privacy gate); scored on"
                    + " 105 more rows held back",
                risk.toString()),
            new ModelListing(
                "visits",
                "Hepatology. Mayo Clinic primary biliary cholangitis trial, visits (R survival"
                    + " 3.5-3, dataset pbcseq); LGPL (>= 2): argn longitudinal generator, 5 static"
                    + " and 12 time-varying columns, up to 15 visits, fitted on 131 of 234 patients"
                    + " (the rest held out for validation and the privacy gate); scored on 78 more"
                    + " patients held back",
                visits.toString()));

    SyntheticModel model = ModelLoader.load("liver-risk", local);
    assertThat(model.id()).isEqualTo("liver-risk");
    assertThat(model.sha256()).isEqualTo(ModelFile.sha256(Files.readAllBytes(risk)));
    assertThat(local.resolve("liver-risk")).isEqualTo(risk.toString());
    // Bundled ids, resources and paths pass through.
    assertThat(local.resolve("default")).isEqualTo("default");
    assertThat(ModelLoader.load("pbcseq", local).schema().isLongitudinal()).isTrue();
  }

  @Test
  void aLocalModelShadowsABundledOneOfTheSameId() throws IOException {
    copy("pbcseq", "default.synth");
    assertThat(ModelLoader.load("default", LocalZoo.open(zoo)).schema().isLongitudinal()).isTrue();
    assertThat(ModelLoader.load("default").schema().isLongitudinal()).isFalse();
  }

  @Test
  void anUnknownIdListsTheLocalAndBundledIds() throws IOException {
    copy("default", "liver-risk.synth");
    assertThatThrownBy(() -> ModelLoader.load("liver-rsik", LocalZoo.open(zoo)))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining(
            "Known model ids: default, liver-risk, nafld1, pbcseq, pima, rotterdam");
  }

  @Test
  void aMissingDirectoryIsRefusedNamingItAndTheSetting() {
    Path missing = zoo.resolve("models");
    assertThatThrownBy(() -> LocalZoo.open(missing))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("zoo"))
        .hasMessage(
            "The local model zoo "
                + missing
                + " does not exist. Set synthetic.zoo to a directory of .synth model files, or"
                + " leave it unset to use the bundled zoo only.");
  }

  @Test
  void twoFilesWithOneIdAreRefusedNamingBoth() throws IOException {
    Path first = copy("default", "cardiology/risk.synth");
    Path second = copy("pbcseq", "oncology/risk.synth");
    assertThatThrownBy(() -> LocalZoo.open(zoo))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("zoo"))
        .hasMessageContainingAll(
            "has two models with id 'risk': " + first + " and " + second,
            "Rename or remove one of them");
  }

  @Test
  void aFileThatIsNotAModelIsRefusedNamingIt() throws IOException {
    copy("default", "good.synth");
    Path bad = Files.writeString(zoo.resolve("bad.synth"), "id,age\n1,50\n");
    assertThatThrownBy(() -> LocalZoo.open(zoo))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("zoo"))
        .hasMessageContainingAll(
            "holds a file that cannot be used: "
                + bad
                + " is not a usable Synthetic Patients model",
            "Replace it with a file written by synthetic:train, or remove it from the zoo");
  }
}
