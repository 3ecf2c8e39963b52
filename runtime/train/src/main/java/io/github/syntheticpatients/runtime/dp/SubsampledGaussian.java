package io.github.syntheticpatients.runtime.dp;

/**
 * The Rényi-DP of one step of the Poisson-subsampled Gaussian mechanism: each record joins the
 * batch with probability q, and Gaussian noise of σ times the clip norm is added to the summed,
 * clipped gradients (Mironov, Talwar and Zhang 2019, arXiv 1908.10530, §3.3; add/remove-one
 * adjacency). ε_RDP(α) = log(A_α)/(α − 1), with A_α summed in log space.
 */
final class SubsampledGaussian {
  private static final int CONSERVATIVE_MAX_TERMS = 1_000;
  private static final int SIGNED_MAX_TERMS = 1_000_000;
  private static final double LOG_HALF = Math.log(0.5);

  private SubsampledGaussian() {}

  /**
   * ε_RDP at {@code order} of one step; +∞ where the mechanism gives no guarantee (σ = 0, an
   * infinite order) or the series does not converge (the order is then useless, never optimistic).
   *
   * @param q the sampling rate, in [0, 1]
   * @param sigma the noise multiplier, ≥ 0
   * @param order the Rényi order α, &gt; 1
   */
  static double rdp(double q, double sigma, double order, RdpSeries series) {
    if (q == 0) {
      return 0;
    }
    double twoSigmaSquared = 2 * sigma * sigma;
    if (twoSigmaSquared == 0 || Double.isInfinite(order)) {
      return Double.POSITIVE_INFINITY;
    }
    if (q == 1) {
      return order / twoSigmaSquared;
    }
    double logA =
        order == Math.rint(order) && order <= Integer.MAX_VALUE - 1
            ? logAIntegerOrder(q, twoSigmaSquared, (int) order)
            : logAFractionalOrder(q, sigma, order, series);
    double rdp = logA / (order - 1);
    return Double.isNaN(rdp) ? Double.POSITIVE_INFINITY : Math.max(0, rdp);
  }

  /** log A_α = logsumexp over k = 0..α of [log C(α,k) + k log q + (α−k) log(1−q) + (k²−k)/2σ²]. */
  private static double logAIntegerOrder(double q, double twoSigmaSquared, int order) {
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    double logBinomial = 0; // log C(α, 0)
    double logA = Double.NEGATIVE_INFINITY;
    for (int k = 0; k <= order; k++) {
      if (k > 0) {
        logBinomial += Math.log(order - k + 1.0) - Math.log(k);
      }
      double kk = k;
      double term =
          logBinomial + kk * logQ + (order - kk) * log1mQ + (kk * kk - kk) / twoSigmaSquared;
      logA = LogSpace.add(logA, term);
    }
    return logA;
  }

  /**
   * The series for a fractional α: the integral of A_α split at z0 = σ² log(1/q − 1) + ½, each half
   * a series in i with a binomial coefficient C(α, i) whose sign alternates once i &gt; α.
   */
  private static double logAFractionalOrder(
      double q, double sigma, double order, RdpSeries series) {
    double logQ = Math.log(q);
    double log1mQ = Math.log1p(-q);
    double twoSigmaSquared = 2 * sigma * sigma;
    double sqrt2Sigma = Math.sqrt(2) * sigma;
    double z0 = sigma * sigma * (log1mQ - logQ) + 0.5;
    boolean conservative = series == RdpSeries.CONSERVATIVE;
    int maxTerms = conservative ? CONSERVATIVE_MAX_TERMS : SIGNED_MAX_TERMS;

    double logAbsBinomial = 0; // log |C(α, 0)|
    boolean positive = true;
    double logA0 = Double.NEGATIVE_INFINITY;
    double logA1 = Double.NEGATIVE_INFINITY;
    double lastS0 = Double.NEGATIVE_INFINITY;
    double lastS1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < maxTerms; i++) {
      double j = order - i;
      double s0 =
          logAbsBinomial
              + i * logQ
              + j * log1mQ
              + ((double) i * i - i) / twoSigmaSquared
              + LOG_HALF
              + LogSpace.logErfc((i - z0) / sqrt2Sigma);
      double s1 =
          logAbsBinomial
              + j * logQ
              + i * log1mQ
              + (j * j - j) / twoSigmaSquared
              + LOG_HALF
              + LogSpace.logErfc((z0 - j) / sqrt2Sigma);
      if (Double.isNaN(s0) || Double.isNaN(s1)) {
        return Double.POSITIVE_INFINITY;
      }
      if (conservative || positive) {
        logA0 = LogSpace.add(logA0, s0);
        logA1 = LogSpace.add(logA1, s1);
      } else {
        logA0 = LogSpace.sub(logA0, s0);
        logA1 = LogSpace.sub(logA1, s1);
        if (Double.isNaN(logA0) || Double.isNaN(logA1)) {
          return Double.POSITIVE_INFINITY;
        }
      }
      if (conservative) {
        double total = LogSpace.add(logA0, logA1);
        if (s0 < lastS0 && s1 < lastS1 && Math.max(s0, s1) < total - 30) {
          return total;
        }
        lastS0 = s0;
        lastS1 = s1;
      } else if (Math.max(s0, s1) < -30) {
        return LogSpace.add(logA0, logA1);
      }
      // C(α, i+1) = C(α, i)·(α − i)/(i + 1): the sign flips whenever α − i < 0.
      logAbsBinomial += Math.log(Math.abs(order - i)) - Math.log(i + 1.0);
      if (order - i < 0) {
        positive = !positive;
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
