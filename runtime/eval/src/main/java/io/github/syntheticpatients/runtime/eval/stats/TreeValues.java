package io.github.syntheticpatients.runtime.eval.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * Plain values for the report's JSON tree, which every room writes its own part of: JSON has no
 * NaN, so a non-finite number becomes null, and maps are sorted so the file's keys are.
 */
public final class TreeValues {
  private TreeValues() {}

  /** A finite number, or null. */
  public static Object num(double v) {
    return Double.isFinite(v) ? (Object) v : null;
  }

  /** The map's entries, sorted by key. */
  public static Map<String, Object> sorted(Map<String, ?> m) {
    return new TreeMap<>(m);
  }
}
