package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A seeded split of a CSV's patients into parts, written as CSVs with the same header and the lines
 * unchanged: a patient is one line, or every line with one value of the group column (so a
 * patient's visits stay together). The zoo's data have no quoted fields, which this relies on and
 * checks.
 */
final class HeldBack {
  private final String header;
  private final List<List<String>> patients;

  private HeldBack(String header, List<List<String>> patients) {
    this.header = header;
    this.patients = patients;
  }

  /** Reads the CSV and groups its lines by {@code group} (null: a line per patient). */
  static HeldBack read(Path csv, String group) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String header = lines.get(0);
    int column = group == null ? -1 : List.of(header.split(",", -1)).indexOf(group);
    if (group != null && column < 0) {
      throw new IllegalArgumentException(
          csv + " has no column '" + group + "' to group patients by; its header is " + header);
    }
    Map<String, List<String>> byPatient = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      if (line.indexOf('"') >= 0) {
        throw new IllegalArgumentException(
            csv + " line " + (i + 1) + " has a quoted field; HeldBack splits unquoted CSVs only");
      }
      String key = column < 0 ? Integer.toString(i) : line.split(",", -1)[column];
      byPatient.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
    }
    return new HeldBack(header, new ArrayList<>(byPatient.values()));
  }

  int patients() {
    return patients.size();
  }

  /**
   * A seeded random {@code count} of the patients (all when {@code count} is at least their
   * number), in their file order.
   */
  HeldBack subset(int count, long seed) {
    if (count >= patients.size()) {
      return this;
    }
    int[] chosen = Arrays.copyOf(TableColumns.permutation(patients.size(), seed), count);
    Arrays.sort(chosen);
    List<List<String>> kept = new ArrayList<>();
    for (int p : chosen) {
      kept.add(patients.get(p));
    }
    return new HeldBack(header, kept);
  }

  /**
   * Splits the patients at random (seeded): {@code share} of them, rounded, to {@code heldBack},
   * the rest to {@code rest}; each file keeps the source's line order.
   *
   * @return how many patients were held back
   */
  int split(double share, long seed, Path heldBack, Path rest) throws IOException {
    int[] order = TableColumns.permutation(patients.size(), seed);
    int cut = (int) Math.round(patients.size() * share);
    boolean[] held = new boolean[patients.size()];
    for (int i = 0; i < cut; i++) {
      held[order[i]] = true;
    }
    StringBuilder heldText = new StringBuilder(header).append('\n');
    StringBuilder restText = new StringBuilder(header).append('\n');
    for (int p = 0; p < patients.size(); p++) {
      for (String line : patients.get(p)) {
        (held[p] ? heldText : restText).append(line).append('\n');
      }
    }
    Files.writeString(heldBack, heldText, StandardCharsets.UTF_8);
    Files.writeString(rest, restText, StandardCharsets.UTF_8);
    return cut;
  }
}
