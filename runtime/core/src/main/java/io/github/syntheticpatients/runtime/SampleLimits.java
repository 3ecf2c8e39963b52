package io.github.syntheticpatients.runtime;

import java.util.Locale;
import java.util.Optional;

/**
 * How many records one in-memory sample may hold ({@code SyntheticModel.sample}, {@code
 * Blocks.sample}, the JUnit extension's lists and files). A sample is built in memory (a column of
 * numbers per column, then the records), so a count such as {@code Integer.MAX_VALUE} would end in
 * an {@link OutOfMemoryError} that takes the whole JVM, and every test result in it, along; it is
 * refused up front instead, pointing to the streaming path ({@code Generation.generate}), which
 * takes any count. A longitudinal model's count is in patients, each with many visit rows, hence
 * its lower limit.
 */
public final class SampleLimits {
  /** The most records of a tabular model one sample holds. */
  public static final int MAX_RECORDS = 1_000_000;

  /** The most patients of a longitudinal model one sample holds. */
  public static final int MAX_PATIENTS = 100_000;

  private SampleLimits() {}

  /** The limit for a model of this kind. */
  public static int max(boolean longitudinal) {
    return longitudinal ? MAX_PATIENTS : MAX_RECORDS;
  }

  /** Why {@code count} cannot be sampled at once, or empty when it can. */
  public static Optional<String> problem(int count, boolean longitudinal) {
    int max = max(longitudinal);
    if (count <= max) {
      return Optional.empty();
    }
    String unit = longitudinal ? "patients" : "records";
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%,d %s is more than one sample holds (at most %,d %s, built in memory)",
            count,
            unit,
            max,
            unit));
  }
}
