package io.github.syntheticpatients.runtime.dp;

import io.github.syntheticpatients.runtime.InvalidInputException;

/**
 * The one owner of δ's default and bound for a dataset of n patients. δ = 1/n already allows a
 * mechanism that publishes one random patient's record, so δ must lie below it (Opacus' advice);
 * the default is min(10⁻⁵, n^−1.1), which stays below 1/n at every n.
 */
public final class DeltaRule {
  /** The default δ for datasets of more than about 35,000 patients. */
  public static final double DEFAULT_DELTA = 1e-5;

  private DeltaRule() {}

  /**
   * min(10⁻⁵, n^−1.1) for {@code datasetSize} = n.
   *
   * @throws InvalidInputException naming {@code datasetSize} when n &lt; 1
   */
  public static double defaultDelta(long datasetSize) {
    requirePatients(datasetSize);
    return Math.min(DEFAULT_DELTA, Math.pow(datasetSize, -1.1));
  }

  /**
   * Refuses δ ≥ 1/n (and δ outside (0, 1)).
   *
   * @throws InvalidInputException naming {@code delta} with the bound and the default to use
   */
  public static void check(double delta, long datasetSize) {
    requirePatients(datasetSize);
    if (!(delta > 0 && delta < 1)) {
      throw InvalidInputException.inParameter(
          DpChecks.DELTA,
          "delta must be in (0, 1/datasetSize); got "
              + delta
              + ". Leave it out for the default min(1e-5, n^-1.1) = "
              + defaultDelta(datasetSize));
    }
    if (delta * datasetSize >= 1) {
      throw InvalidInputException.inParameter(
          DpChecks.DELTA,
          "delta="
              + delta
              + " is not below 1/datasetSize = 1/"
              + datasetSize
              + ": a mechanism that publishes one random patient's record meets that δ. Use a"
              + " smaller delta, or leave it out for the default min(1e-5, n^-1.1) = "
              + defaultDelta(datasetSize));
    }
  }

  private static void requirePatients(long datasetSize) {
    if (datasetSize < 1) {
      throw InvalidInputException.inParameter(
          "datasetSize",
          "datasetSize must be ≥ 1 (the number of patients, each one record); got " + datasetSize);
    }
  }
}
