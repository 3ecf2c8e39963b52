package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zoo's rebuild, fast: every recipe end to end (held-back split, training, sampling, scoring,
 * the card written into the model and as a page, the index) on a seeded subset of each table with
 * two epochs, into a temporary directory. The source tree is only read.
 */
class RebuildZooTest {
  private static final Path DATA = Path.of("src/data");
  private static final Path BUNDLED = Path.of("src/main/resources/io/github/syntheticpatients/zoo");

  @TempDir static Path out;
  private static List<RebuildZoo.Built> built;
  private static byte[] bundledIndexBefore;

  @BeforeAll
  static void rebuildFast() throws IOException {
    bundledIndexBefore = Files.readAllBytes(BUNDLED.resolve("zoo.properties"));
    built =
        RebuildZoo.rebuild(
            ZooRecipes.ALL,
            DATA,
            out.resolve("models"),
            out.resolve("cards"),
            RebuildZoo.Mode.fast(120, 2));
  }

  @Test
  void everyRecipeIsBuiltAndIndexedWithTheSha256OfItsFile() throws IOException {
    Properties index = new Properties();
    try (InputStream in = Files.newInputStream(out.resolve("models/zoo.properties"))) {
      index.load(in);
    }
    List<String> ids = ZooRecipes.ALL.stream().map(Recipe::id).toList();
    assertThat(built).extracting(b -> b.recipe().id()).containsExactlyElementsOf(ids);
    for (String id : ids) {
      Path file = out.resolve("models").resolve(index.getProperty(id + ".file"));
      assertThat(ModelFile.sha256(Files.readAllBytes(file)))
          .as(id)
          .isEqualTo(index.getProperty(id + ".sha256"));
      assertThat(index.getProperty(id + ".summary"))
          .as(id)
          .isEqualTo(ModelLoader.load(file.toString()).info().summary())
          .contains("held back");
    }
    assertThat(Files.readAllBytes(BUNDLED.resolve("zoo.properties")))
        .as("the bundled index is left alone")
        .isEqualTo(bundledIndexBefore);
  }

  @Test
  void theZooSpansThreeDomainsAndBothKinds() {
    Set<String> domains = ZooRecipes.ALL.stream().map(Recipe::domain).collect(Collectors.toSet());
    assertThat(domains).hasSizeGreaterThanOrEqualTo(3);
    assertThat(built)
        .extracting(b -> ModelLoader.load(b.file().toString()).schema().isLongitudinal())
        .contains(true, false);
  }

  @Test
  void eachModelHoldsItsCardAndItsHeldBackScores() {
    for (RebuildZoo.Built b : built) {
      SyntheticModel model = ModelLoader.load(b.file().toString());
      Map<String, Object> evaluation = model.info().evaluation();
      assertThat(evaluation).as(b.recipe().id()).containsKeys("card", "heldBack", "privacyGate");
      Map<?, ?> held = (Map<?, ?>) evaluation.get("heldBack");
      for (String reference : List.of("model", "freshReal", "independent")) {
        Map<?, ?> scores = (Map<?, ?>) held.get(reference);
        assertThat(keys(scores))
            .as("%s %s", b.recipe().id(), reference)
            .contains("overall", "treeDetectionAuc", "dcrShare", "miaAuc", "tstrRatio");
        assertThat(((Number) scores.get("treeDetectionAuc")).doubleValue()).isBetween(0.0, 1.0);
      }
      if (model.schema().isLongitudinal()) {
        assertThat(keys(held.get("model")))
            .contains("timelineOverall", "copiedTimelines", "patientMiaAuc");
      }
      assertThat(((Number) held.get("heldBackPatients")).intValue())
          .isEqualTo(Math.round(120 * RebuildZoo.HELD_BACK));
      assertThat((String) held.get("detectable")).isNotBlank();
    }
  }

  @Test
  void eachCardPageHasEverySectionAndTheModelsSha256() throws IOException {
    for (RebuildZoo.Built b : built) {
      String page = Files.readString(out.resolve("cards").resolve(b.recipe().id() + ".md"));
      assertThat(page)
          .as(b.recipe().id())
          .startsWith("# Model card: `" + b.recipe().id() + "`\n\n" + b.summary())
          .contains(
              "| model sha256 | `" + b.sha256() + "` |",
              "## Intended use",
              "## Misuse",
              "## Data",
              "## Columns",
              "## Scores on the held-back part",
              "| | model | fresh real | independent |",
              "tree-based detection AUC",
              "TSTR ratio",
              "membership attack AUC",
              "## Privacy gate",
              "## Known limitations",
              "none: trained without DP")
          .doesNotContain("| null |", "(null");
    }
  }

  private static Set<String> keys(Object map) {
    return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).collect(Collectors.toSet());
  }
}
