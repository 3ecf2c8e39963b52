package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rebuilds every zoo model ({@link ZooRecipes}) from the training data in {@code
 * model-zoo/src/data} with the project's own training code. For each model it holds back a seeded
 * quarter of the patients, trains on the rest, rounds the network's weights ({@link ZooWeights}),
 * scores the model on the held-back quarter ({@link HeldBackEvaluation}), writes the scores and the
 * card's text into the model file, then rewrites {@code zoo.properties} (file, summary, sha256) and
 * the model cards in {@code docs/model-cards}. Run it with:
 *
 * <pre>mvn -pl model-zoo -am -Prebuild-zoo verify</pre>
 *
 * Training is seeded, so on the same platform a rebuild reproduces the committed models byte for
 * byte (the model file's timing entry aside). {@code RebuildZooTest} runs the same recipes fast (a
 * subset of each table, two epochs) into a temporary directory.
 */
public final class RebuildZoo {
  /** The seed of the held-back split, the samples and the evaluation. */
  static final long SEED = 20251206L;

  /** The share of each table's patients held back from training, for the card's scores. */
  static final double HELD_BACK = 0.25;

  /**
   * How a rebuild runs: all patients and the recipes' epochs, or a fast check (a seeded subset of
   * {@code patients} patients per table and {@code epochs} epochs).
   */
  record Mode(int patients, int epochs) {
    static final Mode FULL = new Mode(Integer.MAX_VALUE, 0);

    static Mode fast(int patients, int epochs) {
      return new Mode(patients, epochs);
    }

    boolean isFull() {
      return this.equals(FULL);
    }
  }

  /** What a rebuild wrote for one model. */
  record Built(Recipe recipe, Path file, String sha256, String summary, double trainingSeconds) {}

  private RebuildZoo() {}

  /**
   * Arguments: the module directory, then {@code all} (the default: retrain, score and write
   * everything) or {@code cards} (only render the card pages again from the bundled models, after a
   * change to the page's layout: no training, so the models and their pins stay as they are).
   */
  public static void main(String[] args) throws IOException {
    Path moduleDir = Path.of(args.length > 0 ? args[0] : "model-zoo").toAbsolutePath();
    Path resources = moduleDir.resolve("src/main/resources/io/github/syntheticpatients/zoo");
    Path cards = moduleDir.getParent().resolve("docs/model-cards");
    String what = args.length > 1 ? args[1] : "all";
    if (what.equals("cards")) {
      renderCards(ZooRecipes.ALL, resources, cards);
      return;
    }
    if (!what.equals("all")) {
      throw new IllegalArgumentException(
          "Unknown rebuild '" + what + "': use all (retrain everything) or cards (pages only)");
    }
    List<Built> built =
        rebuild(ZooRecipes.ALL, moduleDir.resolve("src/data"), resources, cards, Mode.FULL);
    for (Built b : built) {
      System.out.printf(
          Locale.ROOT,
          "[%s] trained in %.1f s, %,d bytes, sha256 %s%n",
          b.recipe().id(),
          b.trainingSeconds(),
          Files.size(b.file()),
          b.sha256());
    }
  }

  /**
   * Trains, scores and writes every recipe's model into {@code models} with the zoo's index, and
   * its card into {@code cards}; the data directory is only read.
   */
  static List<Built> rebuild(List<Recipe> recipes, Path data, Path models, Path cards, Mode mode)
      throws IOException {
    Files.createDirectories(models);
    Files.createDirectories(cards);
    Path work = Files.createTempDirectory("synthetic-zoo-rebuild");
    // Every model and page is built in a staging folder and moved into place only when all recipes
    // succeeded, so a recipe that fails (e.g. refused by the privacy gate) leaves the zoo as it
    // was.
    try {
      Path stagedModels = Files.createDirectories(work.resolve("staged/models"));
      Path stagedCards = Files.createDirectories(work.resolve("staged/cards"));
      Map<String, String> index = new TreeMap<>();
      List<Built> staged = new ArrayList<>();
      for (Recipe recipe : recipes) {
        Built b = build(recipe, data, stagedModels, stagedCards, work.resolve(recipe.id()), mode);
        index.put(recipe.id() + ".file", b.file().getFileName().toString());
        index.put(recipe.id() + ".summary", b.summary());
        index.put(recipe.id() + ".sha256", b.sha256());
        staged.add(b);
      }
      List<Built> built = new ArrayList<>();
      for (Built b : staged) {
        Path model = models.resolve(b.file().getFileName().toString());
        writeAtomically(model, Files.readAllBytes(b.file()));
        String page = b.recipe().id() + ".md";
        writeAtomically(cards.resolve(page), Files.readString(stagedCards.resolve(page)));
        built.add(new Built(b.recipe(), model, b.sha256(), b.summary(), b.trainingSeconds()));
      }
      writeIndex(models.resolve("zoo.properties"), index);
      return built;
    } finally {
      // the parts, samples and reports hold real rows: none stays behind
      deleteTree(work);
    }
  }

  /** Deletes a directory and everything under it. */
  static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Renders each recipe's card page again from its model in {@code models}. */
  static void renderCards(List<Recipe> recipes, Path models, Path cards) throws IOException {
    for (Recipe recipe : recipes) {
      Path file = models.resolve(recipe.id() + ModelFile.EXTENSION);
      writeAtomically(
          cards.resolve(recipe.id() + ".md"),
          ModelCard.render(recipe, ModelLoader.load(file.toString()), Files.size(file)));
    }
  }

  private static Built build(
      Recipe recipe, Path data, Path models, Path cards, Path work, Mode mode) throws IOException {
    Files.createDirectories(work);
    HeldBackEvaluation.Parts parts =
        new HeldBackEvaluation.Parts(
            work.resolve(recipe.id() + "-train.csv"),
            work.resolve(recipe.id() + "-held-back.csv"),
            work.resolve(recipe.id() + "-fresh-synthetic.csv"),
            work.resolve(recipe.id() + "-fresh-holdout.csv"));
    HeldBack all = HeldBack.read(data.resolve(recipe.data()), recipe.group());
    int patients = all.patients();
    all = all.subset(mode.patients(), SEED);
    int heldBack = all.split(HELD_BACK, SEED, parts.heldBack(), parts.train());
    HeldBack.read(parts.heldBack(), recipe.group())
        .split(0.5, SEED + 2, parts.freshSynthetic(), parts.freshHoldout());

    Path schema = data.resolve(recipe.schema());
    Path output = models.resolve(recipe.id() + ModelFile.EXTENSION);
    TrainSettings settings = recipe.settings();
    if (!mode.isFull() && !"copula".equals(settings.generator())) {
      settings = settings.withEpochs(mode.epochs());
    }
    long start = System.nanoTime();
    Training.train(
        new TrainRequest(parts.train(), schema, output, settings, true), listener(recipe.id()));
    double seconds = (System.nanoTime() - start) / 1e9;
    // rounded before scoring, so the card's figures are the bundled model's
    byte[] trainedBytes = Files.readAllBytes(output);
    byte[] roundedBytes =
        ModelFile.withWeights(trainedBytes, output.toString(), ZooWeights::rounded);
    boolean rounded = roundedBytes != trainedBytes;
    writeAtomically(output, roundedBytes);

    HeldBackEvaluation scores = HeldBackEvaluation.run(recipe, schema, output, parts, work, SEED);
    SyntheticModel trained = ModelLoader.load(output.toString());
    String summary = ModelCard.summary(recipe, trained, heldBack);
    byte[] bytes =
        ModelFile.withEvaluation(
            Files.readAllBytes(output),
            output.toString(),
            summary,
            ModelCard.entries(recipe, scores, all.patients(), heldBack, patients, rounded));
    writeAtomically(output, bytes);
    SyntheticModel model = ModelLoader.load(output.toString());
    writeAtomically(
        cards.resolve(recipe.id() + ".md"), ModelCard.render(recipe, model, bytes.length));
    return new Built(recipe, output, model.sha256(), summary, seconds);
  }

  private static TrainingListener listener(String id) {
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochProgress p) {
        if (p.epoch() % 25 == 0 || p.epoch() == p.epochs()) {
          System.out.printf(
              Locale.ROOT,
              "[%s] epoch %d/%d g=%.3f d=%.3f%n",
              id,
              p.epoch(),
              p.epochs(),
              p.generatorLoss(),
              p.discriminatorLoss());
        }
      }

      @Override
      public void onMessage(String message) {
        System.out.println("[" + id + "] " + message);
      }
    };
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
      StringWriter line = new StringWriter();
      escaper.store(line, null);
      String[] lines = line.toString().split("\n");
      text.append(lines[lines.length - 1].strip()).append('\n');
    }
    writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  static void writeAtomically(Path file, String text) throws IOException {
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      out.write(bytes);
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
