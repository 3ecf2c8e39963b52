package io.github.syntheticpatients.runtime.internal;

/** The standard normal distribution function and its inverse, fast enough for millions of cells. */
public final class StandardNormal {
  /** Probabilities are kept this far from 0 and 1 so scores stay finite (|z| below about 6.4). */
  static final double EPSILON = 1e-10;

  private StandardNormal() {}

  /**
   * The quantile function, with {@code p} kept within {@link #EPSILON} of 0 and 1 ({@link
   * NormalQuantile}).
   */
  public static double inverse(double p) {
    return NormalQuantile.of(Math.max(EPSILON, Math.min(1 - EPSILON, p)));
  }

  /**
   * The distribution function by Hart's double-precision rational approximation (as given by G.
   * West, "Better approximations to cumulative normal functions", 2005), with {@link
   * StrictMath#exp}'s bits (computed by {@link Fdlibm}) so that sampling gives the same bits on
   * every machine. Hand-written because commons-math3's {@code Erf.erfc} evaluates an incomplete
   * gamma function iteratively, far too slow for sampling a million rows.
   */
  public static double cdf(double x) {
    double a = Math.abs(x);
    double tail;
    if (a > 37) {
      tail = 0;
    } else {
      double e = Fdlibm.exp(-a * a / 2);
      if (a < 7.07106781186547) {
        double n = 3.52624965998911e-02 * a + 0.700383064443688;
        n = n * a + 6.37396220353165;
        n = n * a + 33.912866078383;
        n = n * a + 112.079291497871;
        n = n * a + 221.213596169931;
        n = n * a + 220.206867912376;
        double d = 8.83883476483184e-02 * a + 1.75566716318264;
        d = d * a + 16.064177579207;
        d = d * a + 86.7807322029461;
        d = d * a + 296.564248779674;
        d = d * a + 637.333633378831;
        d = d * a + 793.826512519948;
        d = d * a + 440.413735824752;
        tail = e * n / d;
      } else {
        double b = a + 0.65;
        b = a + 4 / b;
        b = a + 3 / b;
        b = a + 2 / b;
        b = a + 1 / b;
        tail = e / b / 2.506628274631;
      }
    }
    return x > 0 ? 1 - tail : tail;
  }
}
