package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.io.csv.CsvColumnValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the training and holdout parts of a split (rows of a table, or whole patients of a
 * long-format CSV) into the directory the user names with the training option {@value
 * TrainingOptions#SPLIT_DIR} (never into the model, and never by default: the parts are real rows,
 * and a model file's directory is one that gets committed), so the holdout-based privacy checks can
 * be run on the model later ({@code synthetic:evaluate} with the two files as real and holdout).
 * The parts are copies of the input's own lines, so every value reads back exactly as the user
 * wrote it; an input with quoted line breaks cannot be cut by lines, and then only the row numbers
 * are written.
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
      Path input,
      Path model,
      Path directory,
      int rows,
      DataSplit split,
      TrainingListener listener) {
    if (directory == null) {
      tellHow(listener);
      return;
    }
    List<String> lines = lines(input);
    if (lines.size() - 1 != rows) {
      writeNumbers(input, model, directory, split, listener);
      return;
    }
    int[] unitOfLine = new int[rows];
    for (int r = 0; r < rows; r++) {
      unitOfLine[r] = r;
    }
    writeParts(lines, unitOfLine, model, directory, split, "rows", listener);
  }

  /**
   * The split of a longitudinal input, patients kept whole: the lines of the training patients and
   * of the holdout patients of a long-format CSV, or, for a directory of per-patient files or a CSV
   * whose lines are not its rows, the ids of the holdout patients.
   *
   * @param timelines the patients read, in the order the split's indexes refer to
   * @param entityId the patient id column
   */
  static void writePatients(
      Path input,
      Path model,
      Path directory,
      Timelines timelines,
      String entityId,
      DataSplit split,
      TrainingListener listener) {
    if (directory == null) {
      tellHow(listener);
      return;
    }
    Map<String, Integer> patientOfId = new HashMap<>();
    for (int p = 0; p < timelines.patientCount(); p++) {
      patientOfId.put(timelines.id(p), p);
    }
    int[] unitOfLine =
        Files.isRegularFile(input) ? patientOfLines(input, entityId, patientOfId) : null;
    if (unitOfLine == null) {
      Path ids = part(directory, model, ".holdout-patients.txt");
      List<String> out = new ArrayList<>();
      out.add("# ids of the patients in " + input.getFileName() + " held out from training");
      for (int p : split.holdout()) {
        out.add(timelines.id(p));
      }
      writeLines(directory, ids, out);
      listener.onMessage(
          "Wrote the ids of the " + split.holdout().length + " holdout patients to " + ids);
      return;
    }
    writeParts(lines(input), unitOfLine, model, directory, split, "patients", listener);
  }

  /**
   * The patient index of each data line, or null when the lines are not the CSV's rows (quoted line
   * breaks) or a line's id is not among the patients read.
   */
  private static int[] patientOfLines(
      Path input, String entityId, Map<String, Integer> patientOfId) {
    List<String> lines = lines(input);
    List<String> ids = CsvColumnValues.read(input, entityId).orElse(null);
    if (ids == null || ids.size() != lines.size() - 1) {
      return null;
    }
    int[] patients = new int[ids.size()];
    for (int r = 0; r < ids.size(); r++) {
      Integer patient = patientOfId.get(ids.get(r));
      if (patient == null) {
        return null;
      }
      patients[r] = patient;
    }
    return patients;
  }

  /**
   * Writes the lines whose unit lies in the training part and those whose unit lies in the holdout.
   */
  private static void writeParts(
      List<String> lines,
      int[] unitOfLine,
      Path model,
      Path directory,
      DataSplit split,
      String units,
      TrainingListener listener) {
    Path train = part(directory, model, ".train.csv");
    Path holdout = part(directory, model, ".holdout.csv");
    writeLines(directory, train, select(lines, unitOfLine, split.train()));
    writeLines(directory, holdout, select(lines, unitOfLine, split.holdout()));
    listener.onMessage(
        "Wrote the "
            + split.train().length
            + " training and "
            + split.holdout().length
            + " holdout "
            + units
            + " to "
            + train
            + " and "
            + holdout
            + " (real data: do not commit them); run the holdout-based privacy"
            + " checks later with synthetic:evaluate -Dsynthetic.real="
            + train
            + " -Dsynthetic.holdout="
            + holdout);
  }

  private static void writeNumbers(
      Path input, Path model, Path directory, DataSplit split, TrainingListener listener) {
    Path numbers = part(directory, model, ".holdout-rows.txt");
    List<String> out = new ArrayList<>();
    out.add(
        "# data rows of "
            + input.getFileName()
            + " (1 = first row after the header) held out from training");
    for (int r : split.holdout()) {
      out.add(Integer.toString(r + 1));
    }
    writeLines(directory, numbers, out);
    listener.onMessage(
        "Wrote the numbers of the " + split.holdout().length + " holdout rows to " + numbers);
  }

  private static void tellHow(TrainingListener listener) {
    listener.onMessage(
        "The split's real rows were not written (they would be real data next to the model); to run the"
            + " holdout-based privacy checks later, train with -Dsynthetic.options="
            + TrainingOptions.SPLIT_DIR
            + "=target/synthetic/split");
  }

  /** The input's non-blank lines, header first. */
  private static List<String> lines(Path input) {
    try {
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + input + ": " + e.getMessage(), e);
    }
  }

  private static void writeLines(Path directory, Path file, List<String> lines) {
    try {
      Files.createDirectories(directory);
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write the split into " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The header and, in input order, the lines whose unit is one of {@code units}. */
  private static List<String> select(List<String> lines, int[] unitOfLine, int[] units) {
    boolean[] wanted =
        new boolean[unitOfLine.length == 0 ? 0 : Arrays.stream(unitOfLine).max().getAsInt() + 1];
    for (int u : units) {
      if (u < wanted.length) {
        wanted[u] = true;
      }
    }
    List<String> out = new ArrayList<>();
    out.add(lines.get(0));
    for (int r = 0; r < unitOfLine.length; r++) {
      if (wanted[unitOfLine[r]]) {
        out.add(lines.get(r + 1));
      }
    }
    return out;
  }

  private static Path part(Path directory, Path model, String suffix) {
    String name = model.getFileName().toString();
    String stem =
        name.endsWith(".synth") ? name.substring(0, name.length() - ".synth".length()) : name;
    return directory.resolve(stem + suffix);
  }
}
