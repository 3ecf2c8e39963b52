package io.github.syntheticpatients.runtime.copula;

import java.util.Arrays;

/**
 * The distribution of a continuous column's present values as its quantile function at evenly
 * spaced probabilities (linear in between). Only these knots are kept, never the rows. They are
 * fitted on the column's protected values ({@link
 * io.github.syntheticpatients.runtime.schema.ProtectedValues}), so the first and last knot are the
 * k-th smallest and k-th largest value and sampled values stay in that range.
 */
final class ContinuousMarginal {
  /** Most knots of the quantile function, at probabilities 0, 1/(k-1), ..., 1. */
  static final int KNOTS = 200;

  /** Fewest knots. */
  static final int MIN_KNOTS = 20;

  /**
   * Rows per knot. With a knot per row the quantile function would replay the training values
   * themselves; one knot per few rows smooths small tables so synthetic values are not closer to
   * training rows than to fresh ones (the privacy gate's DCR share measures exactly that).
   */
  static final int ROWS_PER_KNOT = 4;

  private final double[] knots;

  ContinuousMarginal(double[] knots) {
    if (knots.length < 2) {
      throw new IllegalArgumentException("A quantile function needs at least 2 knots");
    }
    for (int i = 1; i < knots.length; i++) {
      if (!(knots[i] >= knots[i - 1])) {
        throw new IllegalArgumentException("Quantile knots must not decrease");
      }
    }
    this.knots = knots;
  }

  /**
   * Fits the quantile function of sorted values (linear interpolation between order statistics).
   *
   * @param sortedPresent the column's protected values in ascending order; empty when there are
   *     none
   */
  static ContinuousMarginal fit(double[] sortedPresent) {
    int n = sortedPresent.length;
    int count = Math.max(MIN_KNOTS, Math.min(KNOTS, n / ROWS_PER_KNOT));
    double[] knots = new double[count];
    if (n == 0) {
      return new ContinuousMarginal(knots);
    }
    for (int i = 0; i < count; i++) {
      double position = (double) i / (count - 1) * (n - 1);
      int lower = (int) Math.floor(position);
      int upper = Math.min(lower + 1, n - 1);
      double fraction = position - lower;
      knots[i] = sortedPresent[lower] + fraction * (sortedPresent[upper] - sortedPresent[lower]);
    }
    // Interpolation can round a hair below its neighbour; keep the function monotone.
    for (int i = 1; i < count; i++) {
      knots[i] = Math.max(knots[i], knots[i - 1]);
    }
    return new ContinuousMarginal(knots);
  }

  /** The value at probability {@code p} in [0, 1]. */
  double quantile(double p) {
    double position = Math.max(0, Math.min(1, p)) * (knots.length - 1);
    int lower = Math.min((int) position, knots.length - 2);
    double fraction = position - lower;
    return knots[lower] + fraction * (knots[lower + 1] - knots[lower]);
  }

  double[] knots() {
    return knots.clone();
  }

  /**
   * Normal scores of the present values by their mid-rank empirical distribution, NaN where
   * missing.
   *
   * @param values the column (NaN = missing)
   */
  static double[] scores(double[] values) {
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    double[] present = new double[n];
    int j = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        present[j++] = v;
      }
    }
    Arrays.sort(present);
    double[] scores = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        scores[i] = Double.NaN;
        continue;
      }
      // Ties share the middle of their ranks: (below + equal / 2) / n.
      int below = lowerBound(present, v);
      int equal = lowerBound(present, Math.nextUp(v)) - below;
      scores[i] = StandardNormal.inverse((below + equal / 2.0) / n);
    }
    return scores;
  }

  private static int lowerBound(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
