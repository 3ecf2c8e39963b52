package io.github.syntheticpatients.runtime.fit.copula;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.special.Erf;

/**
 * The standard bivariate normal distribution function, by A. Genz's algorithm (Drezner and
 * Wesolowsky's method with Genz's refinement for |ρ| ≥ 0.925; "Numerical computation of rectangular
 * bivariate and trivariate normal and t probabilities", Statistics and Computing 14, 2004), with a
 * 20-point Gauss–Legendre rule throughout. Neither commons-math3 nor the JDK has it. {@link
 * StrictMath} and commons-math3's pure-Java error function keep the bits the same on every machine.
 */
final class BivariateNormal {
  private static final double TWO_PI = 2 * Math.PI;

  /** The 20-point Gauss–Legendre rule moved from [−1, 1] to [0, 2]: nodes 1 + t, weights w. */
  private static final double[] NODES = new double[20];

  private static final double[] WEIGHTS = new double[20];

  static {
    GaussIntegrator rule = new GaussIntegratorFactory().legendreHighPrecision(20);
    for (int i = 0; i < 20; i++) {
      NODES[i] = 1 + rule.getPoint(i);
      WEIGHTS[i] = rule.getWeight(i);
    }
  }

  private BivariateNormal() {}

  /** P(X ≤ h, Y ≤ k) for standard normals X, Y with correlation {@code rho} in [−1, 1]. */
  static double cdf(double h, double k, double rho) {
    return upper(-h, -k, rho);
  }

  /** The standard normal distribution function. */
  static double phi(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2));
  }

  /** P(X > h, Y > k): Genz's {@code bvnu}. */
  private static double upper(double h, double k, double r) {
    if (h == Double.POSITIVE_INFINITY || k == Double.POSITIVE_INFINITY) {
      return 0;
    }
    if (h == Double.NEGATIVE_INFINITY) {
      return k == Double.NEGATIVE_INFINITY ? 1 : phi(-k);
    }
    if (k == Double.NEGATIVE_INFINITY) {
      return phi(-h);
    }
    if (r == 0) {
      return phi(-h) * phi(-k);
    }
    double hk = h * k;
    double bvn = 0;
    if (Math.abs(r) < 0.925) {
      // Integrate the density along asin: Φ2 = Φ(−h)Φ(−k) + ∫_0^asin(r) ... dθ / 2π.
      double hs = (h * h + k * k) / 2;
      double asr = StrictMath.asin(r) / 2;
      for (int i = 0; i < NODES.length; i++) {
        double sn = StrictMath.sin(asr * NODES[i]);
        bvn += WEIGHTS[i] * StrictMath.exp((sn * hk - hs) / (1 - sn * sn));
      }
      return clamp(bvn * asr / TWO_PI + phi(-h) * phi(-k));
    }
    // Near ±1 the integrand is sharp; integrate the remainder from the singular case instead.
    if (r < 0) {
      k = -k;
      hk = -hk;
    }
    if (Math.abs(r) < 1) {
      double as = 1 - r * r;
      double a = Math.sqrt(as);
      double bs = (h - k) * (h - k);
      double asr = -(bs / as + hk) / 2;
      double c = (4 - hk) / 8;
      double d = (12 - hk) / 80;
      if (asr > -100) {
        bvn = a * StrictMath.exp(asr) * (1 - c * (bs - as) * (1 - d * bs) / 3 + c * d * as * as);
      }
      if (hk > -100) {
        double b = Math.sqrt(bs);
        double sp = Math.sqrt(TWO_PI) * phi(-b / a);
        bvn -= StrictMath.exp(-hk / 2) * sp * b * (1 - c * bs * (1 - d * bs) / 3);
      }
      a /= 2;
      double sum = 0;
      for (int i = 0; i < NODES.length; i++) {
        double xs = (a * NODES[i]) * (a * NODES[i]);
        double asri = -(bs / xs + hk) / 2;
        if (asri > -100) {
          double sp = 1 + c * xs * (1 + 5 * d * xs);
          double rs = Math.sqrt(1 - xs);
          double ep = StrictMath.exp(-(hk / 2) * xs / ((1 + rs) * (1 + rs))) / rs;
          sum += WEIGHTS[i] * StrictMath.exp(asri) * (sp - ep);
        }
      }
      bvn = (a * sum - bvn) / TWO_PI;
    }
    if (r > 0) {
      return clamp(bvn + phi(-Math.max(h, k)));
    }
    if (h >= k) {
      return clamp(-bvn);
    }
    double l = h < 0 ? phi(k) - phi(h) : phi(-h) - phi(-k);
    return clamp(l - bvn);
  }

  private static double clamp(double p) {
    return Math.max(0, Math.min(1, p));
  }
}
