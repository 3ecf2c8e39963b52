package io.github.syntheticpatients.runtime.internal;

/**
 * The standard normal quantile function by Wichura's algorithm AS 241 (PPND16, Applied Statistics
 * 37(3), 1988): rational approximations accurate to about 1e-16 relative, for probabilities down to
 * the smallest doubles.
 *
 * <p>Written out rather than taken from a library so that sampling gives the same bits on every
 * machine: the only transcendental calls are {@link StrictMath#log} (computed by {@link Fdlibm}, to
 * the bit) and {@link StrictMath#sqrt}, whose results Java specifies exactly, and the rest is
 * double arithmetic in a fixed order (docs/numerics.md).
 */
final class NormalQuantile {
  private static final double SPLIT_CENTRAL = 0.425;
  private static final double SPLIT_TAIL = 5.0;
  private static final double CENTRAL_OFFSET = 0.180625;
  private static final double NEAR_OFFSET = 1.6;

  private NormalQuantile() {}

  /** The z with Φ(z) = {@code p}; −∞ at 0, +∞ at 1, NaN outside [0, 1]. */
  static double of(double p) {
    if (!(p >= 0 && p <= 1)) {
      return Double.NaN;
    }
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 1) {
      return Double.POSITIVE_INFINITY;
    }
    double q = p - 0.5;
    if (Math.abs(q) <= SPLIT_CENTRAL) {
      return q * central(CENTRAL_OFFSET - q * q);
    }
    double r = StrictMath.sqrt(-Fdlibm.log(q < 0 ? p : 1 - p));
    double z = r <= SPLIT_TAIL ? near(r - NEAR_OFFSET) : far(r - SPLIT_TAIL);
    return q < 0 ? -z : z;
  }

  /** |p − 0.5| ≤ 0.425. */
  private static double central(double r) {
    double n = 2.5090809287301226727e+3;
    n = n * r + 3.3430575583588128105e+4;
    n = n * r + 6.7265770927008700853e+4;
    n = n * r + 4.5921953931549871457e+4;
    n = n * r + 1.3731693765509461125e+4;
    n = n * r + 1.9715909503065514427e+3;
    n = n * r + 1.3314166789178437745e+2;
    n = n * r + 3.3871328727963666080e+0;
    double d = 5.2264952788528545610e+3;
    d = d * r + 2.8729085735721942674e+4;
    d = d * r + 3.9307895800092710610e+4;
    d = d * r + 2.1213794301586595867e+4;
    d = d * r + 5.3941960214247511077e+3;
    d = d * r + 6.8718700749205790830e+2;
    d = d * r + 4.2313330701600911252e+1;
    d = d * r + 1.0;
    return n / d;
  }

  /** The tails up to sqrt(−log p) = 5, that is p above about 1.4e-11. */
  private static double near(double r) {
    double n = 7.74545014278341407640e-4;
    n = n * r + 2.27238449892691845833e-2;
    n = n * r + 2.41780725177450611770e-1;
    n = n * r + 1.27045825245236838258e+0;
    n = n * r + 3.64784832476320460504e+0;
    n = n * r + 5.76949722146069140550e+0;
    n = n * r + 4.63033784615654529590e+0;
    n = n * r + 1.42343711074968357734e+0;
    double d = 1.05075007164441684324e-9;
    d = d * r + 5.47593808499534494600e-4;
    d = d * r + 1.51986665636164571966e-2;
    d = d * r + 1.48103976427480074590e-1;
    d = d * r + 6.89767334985100004550e-1;
    d = d * r + 1.67638483018380384940e+0;
    d = d * r + 2.05319162663775882187e+0;
    d = d * r + 1.0;
    return n / d;
  }

  /** The far tails. */
  private static double far(double r) {
    double n = 2.01033439929228813265e-7;
    n = n * r + 2.71155556874348757815e-5;
    n = n * r + 1.24266094738807843860e-3;
    n = n * r + 2.65321895265761230930e-2;
    n = n * r + 2.96560571828504891230e-1;
    n = n * r + 1.78482653991729133580e+0;
    n = n * r + 5.46378491116411436990e+0;
    n = n * r + 6.65790464350110377720e+0;
    double d = 2.04426310338993978564e-15;
    d = d * r + 1.42151175831644588870e-7;
    d = d * r + 1.84631831751005468180e-5;
    d = d * r + 7.86869131145613259100e-4;
    d = d * r + 1.48753612908506148525e-2;
    d = d * r + 1.36929880922735805310e-1;
    d = d * r + 5.99832206555887937690e-1;
    d = d * r + 1.0;
    return n / d;
  }
}
