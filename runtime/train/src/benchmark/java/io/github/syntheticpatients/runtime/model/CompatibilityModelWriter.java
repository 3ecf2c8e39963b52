package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the model file that {@code ModelCompatibilityTest} (runtime/core) keeps loading in every
 * later release: a copula trained by {@link Training#train} on six columns of pbc, seed 11, named
 * for the format version this runtime writes. Run once per format version, and commit the file; it
 * refuses to overwrite one, since a committed file stands for what that release wrote:
 *
 * <pre>
 * mvn -B -q -pl runtime/train -am -Pbenchmark test-compile exec:exec \
 *   -Dbenchmark.class=io.github.syntheticpatients.runtime.model.CompatibilityModelWriter \
 *   -Dbenchmark.args=../core/src/test/resources/models
 * </pre>
 */
public final class CompatibilityModelWriter {
  /** The columns kept: numbers, an integer-coded category, a binary and the target. */
  private static final List<String> COLUMNS =
      List.of("status", "trt", "age", "sex", "bili", "stage");

  private CompatibilityModelWriter() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1 || args[0].isBlank()) {
      throw new IllegalArgumentException("Usage: CompatibilityModelWriter <output directory>");
    }
    Path directory = Path.of(args[0]);
    Path model = directory.resolve("format-" + ModelFile.FORMAT_VERSION + "-copula.synth");
    if (Files.exists(model)) {
      throw new IllegalStateException(
          model + " exists: it is what an earlier build wrote for this format; keep it");
    }
    Path work = Files.createTempDirectory("compat-model");
    Path csv = work.resolve("pbc-small.csv");
    Files.write(csv, columns(Files.readAllLines(TestData.path("pbc.csv"))));
    Files.createDirectories(directory);
    Training.train(
        new TrainRequest(
            csv, null, model, TrainSettings.defaults().withGenerator("copula").withSeed(11), false),
        TrainingListener.NONE);
    System.out.println("Wrote " + model + " (" + Files.size(model) + " bytes)");
  }

  /** The kept columns of each line (pbc.csv has no quoted fields). */
  private static List<String> columns(List<String> lines) {
    List<String> header = List.of(lines.get(0).split(",", -1));
    List<Integer> kept = new ArrayList<>();
    for (String name : COLUMNS) {
      kept.add(header.indexOf(name));
    }
    if (kept.contains(-1)) {
      throw new IllegalStateException("pbc.csv lacks one of " + COLUMNS + ": " + header);
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.split(",", -1);
      List<String> row = new ArrayList<>();
      for (int index : kept) {
        row.add(fields[index]);
      }
      out.add(String.join(",", row));
    }
    return out;
  }
}
