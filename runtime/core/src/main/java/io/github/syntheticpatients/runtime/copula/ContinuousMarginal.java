package io.github.syntheticpatients.runtime.copula;

/**
 * The distribution of a continuous column's present values as its quantile function at evenly
 * spaced probabilities (linear in between). Only these knots are kept, never the rows. They are
 * fitted on the column's protected values ({@link
 * io.github.syntheticpatients.runtime.schema.ProtectedValues}), so the first and last knot are the
 * k-th smallest and k-th largest value and sampled values stay in that range. {@code
 * runtime.fit.copula.MarginalFitter} fits it.
 */
public final class ContinuousMarginal {
  private final double[] knots;

  /** Internal: public for runtime/train's fitting. */
  public ContinuousMarginal(double[] knots) {
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

  /** The value at probability {@code p} in [0, 1]. */
  double quantile(double p) {
    double position = Math.max(0, Math.min(1, p)) * (knots.length - 1);
    int lower = Math.min((int) position, knots.length - 2);
    double fraction = position - lower;
    return knots[lower] + fraction * (knots[lower + 1] - knots[lower]);
  }

  /** The knots, a copy. */
  public double[] knots() {
    return knots.clone();
  }
}
