package io.github.syntheticpatients.runtime.fit.copula;

import io.github.syntheticpatients.runtime.copula.ContinuousMarginal;
import io.github.syntheticpatients.runtime.copula.DiscreteMarginal;
import io.github.syntheticpatients.runtime.internal.StandardNormal;
import java.util.Arrays;

/** Fits the copula's marginals and scores a continuous column's values. */
public final class MarginalFitter {
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

  private MarginalFitter() {}

  /**
   * Fits the quantile function of sorted values (linear interpolation between order statistics).
   *
   * @param sortedPresent the column's protected values in ascending order; empty when there are
   *     none
   */
  public static ContinuousMarginal continuous(double[] sortedPresent) {
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

  /** The shares of the category indexes 0 .. categories-1 in {@code codes}. */
  static DiscreteMarginal discrete(int[] codes, int categories) {
    double[] counts = new double[categories];
    for (int code : codes) {
      counts[code]++;
    }
    if (codes.length == 0) {
      counts[0] = 1;
    }
    for (int i = 0; i < categories; i++) {
      counts[i] /= Math.max(codes.length, 1);
    }
    return new DiscreteMarginal(counts);
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
