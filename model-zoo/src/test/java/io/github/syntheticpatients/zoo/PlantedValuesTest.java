package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nothing a zoo rebuild stores or shows carries a value fewer than k real records hold (privacy.md
 * §10): the {@code default} recipe is rebuilt on pbc with an extreme {@code copper} planted on four
 * records, and the model file (its {@code model.json} and {@code card.json}), the card page and the
 * index are scanned for it. The same rebuild with value protection off ({@code valueProtectionK=1})
 * must show the planted value, which proves that planted records reached the fitted part (the split
 * does not depend on k), so the scan is not vacuous.
 */
class PlantedValuesTest {
  private static final String PLANTED = "97531";
  private static final int[] PLANTED_ROWS = {10, 100, 200, 300};

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"default, copper", "pima, insulin"})
  void aRareExtremeReachesNoModelCardPageOrIndex(String id, String column) throws IOException {
    Recipe recipe = ZooRecipes.ALL.stream().filter(r -> r.id().equals(id)).findFirst().get();
    Path data = plantedData(recipe.data(), column);

    String protectedOutput = rebuild(recipe, data, "protected");
    Recipe unprotected = withOption(recipe, "valueProtectionK", "1");
    String unprotectedOutput = rebuild(unprotected, data, "unprotected");

    assertThat(unprotectedOutput)
        .as("with value protection off the planted extreme is stored, so the scan can see it")
        .contains(PLANTED);
    assertThat(protectedOutput).doesNotContain(PLANTED);
  }

  /** The table's files with {@code column} set to the planted value on four records. */
  private Path plantedData(String csv, String column) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    String prefix = csv.substring(0, csv.length() - "csv".length());
    try (Stream<Path> files = Files.list(Path.of("src/data"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        Files.copy(file, data.resolve(file.getFileName()));
      }
    }
    List<String> lines = Files.readAllLines(data.resolve(csv), StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(",", -1));
    int plantedColumn = header.indexOf(column);
    List<String> planted = new ArrayList<>(lines);
    for (int row : PLANTED_ROWS) {
      String[] cells = lines.get(row + 1).split(",", -1);
      cells[plantedColumn] = PLANTED;
      planted.set(row + 1, String.join(",", cells));
    }
    Files.write(data.resolve(csv), planted, StandardCharsets.UTF_8);
    return data;
  }

  /** Every text a rebuild of the recipe writes: the model files' bytes, the pages, the index. */
  private String rebuild(Recipe recipe, Path data, String name) throws IOException {
    Path models = dir.resolve(name + "/models");
    Path cards = dir.resolve(name + "/cards");
    RebuildZoo.rebuild(List.of(recipe), data, models, cards, RebuildZoo.Mode.fast(1000, 2));
    StringBuilder all = new StringBuilder();
    for (Path folder : List.of(models, cards)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.sorted().toList()) {
          // model files store their entries uncompressed, so their JSON is readable in the bytes
          all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return all.toString();
  }

  private static Recipe withOption(Recipe r, String name, String value) {
    return new Recipe(
        r.id(),
        r.data(),
        r.schema(),
        r.group(),
        r.target(),
        r.sensitive(),
        r.settings().withOption(name, value),
        r.domain(),
        r.dataset(),
        r.license(),
        r.population(),
        r.generatorReason(),
        r.intendedUse(),
        r.limitations());
  }
}
