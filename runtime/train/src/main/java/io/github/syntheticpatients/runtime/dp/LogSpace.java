package io.github.syntheticpatients.runtime.dp;

import org.apache.commons.math3.special.Erf;

/**
 * Arithmetic on numbers kept as their logarithms, so sums of terms like {@code e^700} and {@code
 * e^-700} neither overflow nor vanish; {@code -∞} is zero.
 */
final class LogSpace {
  /**
   * Above this, erfc(x) is below 1e-175 and heads for subnormals; the asymptotic series is exact.
   */
  private static final double ERFC_SERIES_FROM = 20;

  private LogSpace() {}

  /** log(e^a + e^b). */
  static double add(double a, double b) {
    double hi = Math.max(a, b);
    double lo = Math.min(a, b);
    if (lo == Double.NEGATIVE_INFINITY || hi == Double.POSITIVE_INFINITY) {
      return hi;
    }
    return hi + Math.log1p(Math.exp(lo - hi));
  }

  /**
   * log(e^a − e^b) for a ≥ b; NaN when a &lt; b (the difference would be negative), which callers
   * treat as a failed series.
   */
  static double sub(double a, double b) {
    if (a < b) {
      return Double.NaN;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    if (a == b) {
      return Double.NEGATIVE_INFINITY;
    }
    double gap = a - b;
    // expm1 overflows past ~709, where log(e^gap − 1) equals gap to double precision.
    return gap > 700 ? a : Math.log(Math.expm1(gap)) + b;
  }

  /**
   * log(erfc(x)), accurate in the far tail: erfc itself below x = 20, then the Laurent series at
   * infinity (dp_accounting's {@code _log_erfc}), whose error there is below 1e-13.
   */
  static double logErfc(double x) {
    if (x > ERFC_SERIES_FROM) {
      double inv2 = 1 / (x * x);
      return -0.5 * Math.log(Math.PI)
          - Math.log(x)
          - x * x
          + inv2 * (-0.5 + inv2 * (0.625 + inv2 * (-37.0 / 24.0 + inv2 * (353.0 / 64.0))));
    }
    return Math.log(Erf.erfc(x));
  }
}
