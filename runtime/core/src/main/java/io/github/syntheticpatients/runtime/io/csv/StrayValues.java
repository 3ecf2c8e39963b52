package io.github.syntheticpatients.runtime.io.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values a reader took as missing because they were not of their column's kind, where the
 * schema allows that ({@code unparsedValues} above 0), gathered over a whole read so that each
 * column gets one warning giving the count and the lines and shapes of the first few rather than
 * one line per value or per file. The warning never prints a value ({@link ValueShapes}).
 */
final class StrayValues {
  private static final Logger LOG = LoggerFactory.getLogger(StrayValues.class);
  private static final int EXAMPLES = 5;

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, List<String>> examples = new LinkedHashMap<>();

  /** Notes one value of a column read as missing. */
  void add(String column, String value, Path file, long line) {
    counts.merge(column, 1L, Long::sum);
    List<String> some = examples.computeIfAbsent(column, c -> new ArrayList<>());
    if (some.size() < EXAMPLES) {
      some.add(file.getFileName() + " line " + line + " (" + ValueShapes.describe(value) + ")");
    }
  }

  /** One warning per column that had stray values. */
  void warn(Path source) {
    counts.forEach(
        (column, count) ->
            LOG.warn(
                "{}: column '{}': {} values are not of the column's kind and are read as missing, at {}{}."
                    + " Correct them, or name them in synthetic.missingValues if they mean missing",
                source,
                column,
                count,
                String.join(", ", examples.get(column)),
                count > EXAMPLES ? ", ..." : ""));
  }
}
