package io.github.syntheticpatients.junit.internal;

/** Derives one seed per injected parameter from a test's seed. */
public final class Seeds {
  private Seeds() {}

  /**
   * The seed of the {@code ordinal}-th injected parameter. The first parameter uses the test's seed
   * unchanged, so {@code @Seed(42)} gives the same records as {@code synthetic:generate
   * -Dsynthetic.seed=42}; later parameters get a SplitMix64 mix of seed and ordinal, so two
   * parameters of one test differ but stay reproducible.
   */
  public static long forParameter(long seed, int ordinal) {
    if (ordinal == 0) {
      return seed;
    }
    long z = seed + ordinal * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
