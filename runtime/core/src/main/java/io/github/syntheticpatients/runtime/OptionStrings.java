package io.github.syntheticpatients.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one reader of option strings ({@code key=value}, as {@code -Dsynthetic.options} and {@code
 * --option} give them) and the one check of their keys against the keys their owners declare (each
 * owner keeps its keys as constants next to the code that reads the values).
 */
public final class OptionStrings {
  private OptionStrings() {}

  /**
   * The options in {@code entries}, each {@code key=value} (key and value trimmed; the value may
   * hold {@code =} and commas), sorted by key; a later entry for a key replaces an earlier one.
   *
   * @throws InvalidInputException naming {@code parameter} when an entry has no {@code =} or an
   *     empty key
   */
  public static SortedMap<String, String> parse(List<String> entries, String parameter) {
    SortedMap<String, String> options = new TreeMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || entry.substring(0, eq).isBlank()) {
        throw InvalidInputException.inParameter(
            parameter,
            parameter + " takes key=value, e.g. numericEncoding=minmax; got '" + entry + "'");
      }
      options.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
    }
    return options;
  }

  /**
   * Checks that every key is one of {@code known} or starts with one of {@code prefixes}.
   *
   * @throws InvalidInputException naming the unknown key and listing the known ones
   */
  public static void requireKnown(
      Map<String, String> options,
      Collection<String> known,
      Collection<String> prefixes,
      String parameter) {
    for (String key : options.keySet()) {
      if (!known.contains(key) && prefixes.stream().noneMatch(key::startsWith)) {
        TreeSet<String> allowed = new TreeSet<>(known);
        prefixes.forEach(prefix -> allowed.add(prefix + "<name>"));
        throw InvalidInputException.inParameter(
            parameter,
            "Unknown training option '"
                + key
                + "'; known options: "
                + allowed
                + " (check the spelling)");
      }
    }
  }
}
