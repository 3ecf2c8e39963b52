package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the training and holdout parts of a tabular split into the directory the user names with the training
 * option {@value TrainingOptions#SPLIT_DIR} (never into the model, and never by default: the parts are real rows, and
 * a model file's directory is one that gets committed), so the holdout-based privacy checks can be run on the model
 * later ({@code synthetic:evaluate} with the two files as real and holdout).
 * The parts are copies of the input's own lines, so every value reads back exactly as the user wrote it; an input
 * with quoted line breaks cannot be cut by lines, and then only the row numbers are written.
 */
final class SplitFiles {
  private SplitFiles() {}

  /**
   * @param input the training CSV
   * @param model the model file written (its name names the parts)
   * @param directory where the parts go; null writes nothing and says how to ask for them
   * @param rows the input's data rows
   * @param split the split applied to them
   */
  static void write(
      Path input, Path model, Path directory, int rows, DataSplit split, TrainingListener listener) {
    if (directory == null) {
      listener.onMessage(
          "The split's real rows were not written (they would be real data next to the model); to run the"
              + " holdout-based privacy checks later, train with -Dsynthetic.options=" + TrainingOptions.SPLIT_DIR
              + "=target/synthetic/split");
      return;
    }
    Path train = part(directory, model, ".train.csv");
    Path holdout = part(directory, model, ".holdout.csv");
    try {
      Files.createDirectories(directory);
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      if (lines.size() - 1 == rows) {
        Files.write(train, select(lines, split.train()), StandardCharsets.UTF_8);
        Files.write(holdout, select(lines, split.holdout()), StandardCharsets.UTF_8);
        listener.onMessage(
            "Wrote the " + split.train().length + " training and " + split.holdout().length + " holdout rows to "
                + train + " and " + holdout + " (real data: do not commit them); run the holdout-based privacy"
                + " checks later with synthetic:evaluate -Dsynthetic.real=" + train + " -Dsynthetic.holdout=" + holdout);
      } else {
        Path numbers = part(directory, model, ".holdout-rows.txt");
        List<String> out = new ArrayList<>();
        out.add("# data rows of " + input.getFileName() + " (1 = first row after the header) held out from training");
        for (int r : split.holdout()) {
          out.add(Integer.toString(r + 1));
        }
        Files.write(numbers, out, StandardCharsets.UTF_8);
        listener.onMessage("Wrote the numbers of the " + split.holdout().length + " holdout rows to " + numbers);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the split into " + directory + ": " + e.getMessage(), e);
    }
  }

  private static List<String> select(List<String> lines, int[] rows) {
    List<String> out = new ArrayList<>(rows.length + 1);
    out.add(lines.get(0));
    for (int r : rows) {
      out.add(lines.get(r + 1));
    }
    return out;
  }

  private static Path part(Path directory, Path model, String suffix) {
    String name = model.getFileName().toString();
    String stem = name.endsWith(".synth") ? name.substring(0, name.length() - ".synth".length()) : name;
    return directory.resolve(stem + suffix);
  }
}
