package io.github.syntheticpatients.junit.internal;

/**
 * The seed of one test and where it came from.
 *
 * @param value the seed
 * @param source where it came from, as shown to the user (e.g. {@code "@Seed on method"})
 */
public record ResolvedSeed(long value, String source) {

  /**
   * The annotation that reproduces this seed, e.g. {@code @Seed(42)} or
   * {@code @Seed(-8123456789012L)}.
   */
  public String reproducingAnnotation() {
    // A long literal outside the int range needs its L suffix, or the copied annotation does not
    // compile.
    boolean fitsInt = value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    return "@Seed(" + value + (fitsInt ? "" : "L") + ")";
  }

  /**
   * The seed of the {@code ordinal}-th {@code @SyntheticPatients} parameter of a test (0-based).
   */
  public long forParameter(int ordinal) {
    return Seeds.forParameter(value, ordinal);
  }
}
