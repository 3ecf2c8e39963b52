package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.ModelInfo;
import io.github.syntheticpatients.runtime.SchemaView;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainResult;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.schema.CodeColumn;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Rebuilds every zoo model from the training data in {@code model-zoo/src/data} with the project's
 * own training code, then rewrites {@code zoo.properties} (file, summary, sha256) and the model
 * cards in {@code docs/model-cards}. Run it with:
 *
 * <pre>mvn -pl model-zoo -am -Prebuild-zoo verify</pre>
 *
 * Training is seeded, so on the same platform a rebuild reproduces the committed models byte for
 * byte (the model file's timing entry aside).
 */
public final class RebuildZoo {

  /** A zoo model: its id, training data, edited schema and settings. */
  record Recipe(String id, String data, String schema, String dataset, TrainSettings settings) {}

  static final List<Recipe> RECIPES =
      List.of(
          new Recipe(
              "default",
              "pbc.csv",
              "pbc.schema.json",
              "Mayo Clinic primary biliary cholangitis trial (R survival 3.5-3, dataset pbc; LGPL >= 2)",
              TrainSettings.defaults().withGenerator("copula")),
          new Recipe(
              "pbcseq",
              "pbcseq.csv",
              "pbcseq.schema.json",
              "Mayo Clinic primary biliary cholangitis trial, visits (R survival 3.5-3, dataset pbcseq; LGPL >= 2)",
              TrainSettings.defaults()));

  private RebuildZoo() {}

  public static void main(String[] args) throws IOException {
    Path moduleDir = Path.of(args.length > 0 ? args[0] : "model-zoo").toAbsolutePath();
    Path data = moduleDir.resolve("src/data");
    Path resources = moduleDir.resolve("src/main/resources/io/github/syntheticpatients/zoo");
    Path cards = moduleDir.getParent().resolve("docs/model-cards");
    Files.createDirectories(resources);
    Files.createDirectories(cards);
    Map<String, String> index = new TreeMap<>();
    for (Recipe recipe : RECIPES) {
      Path output = resources.resolve(recipe.id() + ".synth");
      TrainResult result =
          Training.train(
              new TrainRequest(
                  data.resolve(recipe.data()),
                  data.resolve(recipe.schema()),
                  output,
                  recipe.settings(),
                  true),
              new TrainingListener() {
                @Override
                public void onEpoch(EpochProgress p) {
                  if (p.epoch() % 25 == 0 || p.epoch() == p.epochs()) {
                    System.out.printf(
                        Locale.ROOT,
                        "[%s] epoch %d/%d g=%.3f d=%.3f%n",
                        recipe.id(),
                        p.epoch(),
                        p.epochs(),
                        p.generatorLoss(),
                        p.discriminatorLoss());
                  }
                }

                @Override
                public void onMessage(String message) {
                  System.out.println("[" + recipe.id() + "] " + message);
                }
              });
      SyntheticModel model = ModelLoader.load(output.toString());
      String summary = recipe.dataset() + ": " + model.info().summary();
      index.put(recipe.id() + ".file", recipe.id() + ".synth");
      index.put(recipe.id() + ".summary", summary);
      index.put(recipe.id() + ".sha256", result.modelSha256());
      writeAtomically(cards.resolve(recipe.id() + ".md"), ModelCard.render(recipe, model, summary));
      System.out.println("[" + recipe.id() + "] sha256 " + result.modelSha256());
    }
    writeIndex(resources.resolve("zoo.properties"), index);
  }

  private static void writeIndex(Path file, Map<String, String> entries) throws IOException {
    // Properties.store writes a timestamp comment; write the sorted entries ourselves so rebuilds
    // are stable.
    StringBuilder text =
        new StringBuilder("# The model zoo's index; rewritten by RebuildZoo, do not edit.\n");
    Properties escaper = new Properties();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      escaper.clear();
      escaper.setProperty(entry.getKey(), entry.getValue());
      java.io.StringWriter line = new java.io.StringWriter();
      escaper.store(line, null);
      String[] lines = line.toString().split("\n");
      text.append(lines[lines.length - 1].strip()).append('\n');
    }
    writeAtomically(file, text.toString());
  }

  static void writeAtomically(Path file, String text) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Renders a model card in Markdown from what the model file records. */
  static final class ModelCard {
    private ModelCard() {}

    /**
     * A line per clinical code column saying what value protection did to its codes, by count
     * (never a code); empty when the schema has no code column, so other cards stay as they were.
     */
    static String codeColumns(SchemaView view) {
      StringBuilder section = new StringBuilder();
      for (ColumnSchema column : TableSchema.of(view).columns()) {
        if (column.isCodeColumn() && !column.dropped()) {
          section.append("- ").append(CodeColumn.summary(column)).append('\n');
        }
      }
      if (section.length() == 0) {
        return "";
      }
      return "\n## Code columns\n\nCodes held by fewer than k training records are stored only as"
          + " an ancestor code or as _RARE_, never as themselves:\n\n"
          + section;
    }

    static String render(Recipe recipe, SyntheticModel model, String summary) {
      ModelInfo info = model.info();
      StringBuilder card = new StringBuilder();
      card.append("# Model card: `").append(recipe.id()).append("`\n\n");
      card.append(summary).append("\n\n");
      card.append("| | |\n|---|---|\n");
      card.append("| generator | ").append(info.generator()).append(" |\n");
      card.append("| model sha256 | `").append(model.sha256()).append("` |\n");
      card.append("| training data | `model-zoo/src/data/")
          .append(recipe.data())
          .append("` (sha256 `")
          .append(info.provenance().get("inputSha256"))
          .append("`) |\n");
      boolean longitudinal = model.schema().isLongitudinal();
      String unit = longitudinal ? "Patients" : "Rows";
      card.append("| ")
          .append(longitudinal ? "patients" : "rows")
          .append(" (train / validation / privacy holdout) | ")
          .append(info.provenance().get("train" + unit))
          .append(" / ")
          .append(info.provenance().get("validation" + unit))
          .append(" / ")
          .append(info.provenance().get("holdout" + unit))
          .append(" |\n");
      if (longitudinal) {
        card.append("| patient id / time | `")
            .append(model.schema().entityId())
            .append("` / `")
            .append(model.schema().time())
            .append("` |\n");
      }
      card.append("| seed | ").append(info.provenance().get("seed")).append(" |\n");
      // Models from before value protection record no k: they were fitted unprotected.
      card.append("| value protection | k = ")
          .append(info.provenance().getOrDefault("valueProtectionK", 1))
          .append(" (no stored value is held by fewer than k training records) |\n");
      if (longitudinal) {
        card.append("| selected epoch | ")
            .append(info.provenance().getOrDefault("selectedEpoch", "n/a"))
            .append(" of ")
            .append(info.provenance().get("epochs"))
            .append(" |\n");
      } else {
        card.append("| selected epoch | ")
            .append(info.provenance().getOrDefault("selectedEpoch", "n/a"))
            .append(" of ")
            .append(info.provenance().getOrDefault("epochsTrained", "n/a"))
            .append(" |\n");
      }
      card.append("| versions | ").append(info.provenance().get("versions")).append(" |\n");
      card.append("| rebuild | `mvn -pl model-zoo -am -Prebuild-zoo verify` |\n\n");
      card.append("## Columns\n\n| column | kind | nullable | categories |\n|---|---|---|---|\n");
      model
          .schema()
          .columns()
          .forEach(
              c ->
                  card.append("| ")
                      .append(c.name())
                      .append(" | ")
                      .append(c.kind().name().toLowerCase(Locale.ROOT))
                      .append(c.dropped() ? " (dropped)" : "")
                      .append(c.staticAttribute() ? " (static)" : "")
                      .append(" | ")
                      .append(c.nullable())
                      .append(" | ")
                      .append(String.join(", ", c.categories()))
                      .append(" |\n"));
      card.append(codeColumns(model.schema()));
      card.append("\n## Evaluation recorded at training\n\n");
      card.append(
              longitudinal
                  ? "Validation quality (longitudinal overall score against the validation patients): "
                  : "Validation quality (SDMetrics overall score against the validation rows): ")
          .append(info.evaluation().get("validationQuality"))
          .append("\n\n");
      card.append("Privacy gate against the privacy holdout (")
          .append(
              info.evaluation().get("privacyGateEnforced").equals(Boolean.TRUE)
                  ? "enforced"
                  : "recorded only")
          .append(
              "):\n\n| check | metric | level | value | threshold | passed |\n|---|---|---|---|---|---|\n");
      Object gate = info.evaluation().get("privacyGate");
      if (gate instanceof Map<?, ?> gateMap && gateMap.get("checks") instanceof List<?> checks) {
        for (Object item : checks) {
          Map<?, ?> check = (Map<?, ?>) item;
          card.append("| ")
              .append(check.get("id"))
              .append(" | ")
              .append(check.get("name"))
              .append(" | ")
              .append(check.get("level"))
              .append(" | ")
              .append(check.get("value"))
              .append(" | ")
              .append(check.get("threshold"))
              .append(" | ")
              .append(check.get("passed"))
              .append(" |\n");
        }
      }
      card.append("\nDefinitions: [docs/evaluation.md](../evaluation.md).\n\n");
      card.append("## Intended use and limits\n\n");
      card.append(
          "Test fixtures, demos and pipeline development. The records are synthetic: no row is a real patient,"
              + " and the privacy gate above was checked against a held-out part of the real data. They are not"
              + " for clinical or statistical conclusions about the source population.\n");
      return card.toString();
    }
  }
}
