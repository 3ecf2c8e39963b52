package io.github.syntheticpatients.runtime.schema;

import java.util.Arrays;

/**
 * The one rule by which a continuous column's values may be stored (model file, encoder state,
 * report axis): no number that belongs to fewer than k real records. The copula's quantile knots,
 * the encoders' ranges and mixtures and the report's histogram edges are all fitted on {@link
 * #values()}, never on the raw column.
 *
 * <ul>
 *   <li><b>Tails</b>: the low bound is the k-th smallest value and the high bound the k-th largest,
 *       so at least k records lie at or beyond each bound. Every value is clipped to [low, high]
 *       first.
 *   <li><b>Interior</b>: each clipped, sorted value is replaced by the mean of the k consecutive
 *       clipped values around it (microaggregation). A stored interior number is then determined by
 *       k records, not by one, which matters when a column has so few rows that a quantile knot
 *       would land on a single record's value. (A mean can still equal some record's value by
 *       coincidence, e.g. the middle of evenly spaced values; it then carries nothing about that
 *       record.) The ends stay exactly at the bounds, since the k values at each end are equal
 *       after clipping.
 *   <li><b>Too few values</b>: a column with fewer than k present values, or whose k-th smallest
 *       value lies above its k-th largest (fewer than 2k - 1 values, not tied), cannot be
 *       protected: no range has k records at or beyond both ends, and clipping would collapse the
 *       column onto one record's value (with exactly k values, its raw maximum). It is withheld
 *       ({@link #withheld()}): nothing of it is stored and it is generated as missing.
 * </ul>
 *
 * With k = 1 the values are the sorted column itself: protection is off.
 */
public final class ProtectedValues {
  private final int k;
  private final double[] values;

  private ProtectedValues(int k, double[] values) {
    this.k = k;
    this.values = values;
  }

  /**
   * Protects a column's values.
   *
   * @param column the values, NaN for missing; not changed
   * @param k at least this many records share each tail and each interior value (1 turns protection
   *     off)
   */
  public static ProtectedValues of(double[] column, int k) {
    ValueProtection.checkK(k);
    double[] sorted = Arrays.stream(column).filter(v -> !Double.isNaN(v)).sorted().toArray();
    int n = sorted.length;
    if (n < k) {
      return new ProtectedValues(k, new double[0]);
    }
    if (k == 1) {
      return new ProtectedValues(k, sorted);
    }
    double low = sorted[k - 1];
    double high = sorted[n - k];
    if (low > high) {
      // The tails overlap: any stored value would have fewer than k records on one side.
      return new ProtectedValues(k, new double[0]);
    }
    double[] clipped = new double[n];
    for (int i = 0; i < n; i++) {
      clipped[i] = Math.max(low, Math.min(high, sorted[i]));
    }
    double[] smoothed = new double[n];
    for (int i = 0; i < n; i++) {
      int start = Math.max(0, Math.min(n - k, i - k / 2));
      smoothed[i] = mean(clipped, start, start + k);
    }
    return new ProtectedValues(k, smoothed);
  }

  /**
   * The mean of sorted[from..to), exactly the shared value when they are all equal, never outside
   * their range.
   */
  private static double mean(double[] sorted, int from, int to) {
    double first = sorted[from];
    double last = sorted[to - 1];
    if (first == last) {
      return first;
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      // Summing offsets from the first keeps large values (dates in seconds, long ids) exact
      // enough.
      sum += sorted[i] - first;
    }
    return Math.max(first, Math.min(last, first + sum / (to - from)));
  }

  /** The k this column was protected with. */
  public int k() {
    return k;
  }

  /**
   * Whether the column had too few present values to protect (fewer than k, or its tails overlap)
   * and so must be withheld (generated as missing).
   */
  public boolean withheld() {
    return values.length == 0;
  }

  /** The number of present values protected; 0 when none or withheld. */
  public int count() {
    return values.length;
  }

  /**
   * The protected values in ascending order, as many as the present values; empty when withheld.
   */
  public double[] values() {
    return values.clone();
  }

  /** The lowest value that may be stored: the k-th smallest present value. */
  public double low() {
    requireProtected();
    return values[0];
  }

  /** The highest value that may be stored: the k-th largest present value. */
  public double high() {
    requireProtected();
    return values[values.length - 1];
  }

  /** {@code value} clipped to [{@link #low()}, {@link #high()}]. */
  public double clamp(double value) {
    return Math.max(low(), Math.min(high(), value));
  }

  private void requireProtected() {
    if (withheld()) {
      throw new IllegalStateException(
          "The column has too few values to protect with k="
              + k
              + " and is withheld; it has no bounds");
    }
  }
}
