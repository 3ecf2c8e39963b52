package io.github.syntheticpatients.runtime.internal;

/** Pearson's correlation over paired values, skipping pairs with a missing (NaN) side. */
public final class Pearson {
  private Pearson() {}

  /**
   * ρ over the pairs where both values are present, clamped to [−1, 1] against rounding; NaN when
   * fewer than {@code minPairs} such pairs remain or either side has no variance over them.
   */
  public static double of(double[] x, double[] y, int minPairs) {
    double sumX = 0;
    double sumY = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        sumX += x[i];
        sumY += y[i];
        n++;
      }
    }
    if (n < minPairs) {
      return Double.NaN;
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        double dx = x[i] - meanX;
        double dy = y[i] - meanY;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
    }
    if (!(sxx > 0 && syy > 0)) {
      return Double.NaN;
    }
    return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
  }
}
