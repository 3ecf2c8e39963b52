package io.github.syntheticpatients.runtime.dp;

/**
 * From Rényi-DP at a grid of orders to (ε, δ)-DP, by the improved conversion of Balle et al. (arXiv
 * 1905.09982, Thm 21) and Canonne, Kamath and Steinke (arXiv 2004.00010, Prop 12): ε(α) = ε_RDP(α)
 * + log((α−1)/α) − (log δ + log α)/(α−1), minimised over the orders. Mironov's looser ε_RDP +
 * log(1/δ)/(α−1) is never reported.
 */
final class RdpConversion {
  /** Below this the conversion is numerically unstable (and useless); dp_accounting's bound. */
  private static final double MIN_STABLE_ORDER = 1.01;

  private RdpConversion() {}

  /**
   * The smallest ε over the orders for {@code delta}.
   *
   * @param withExtras dp_accounting's rules: orders ≤ 1.01 give +∞, an order whose KL bound δ ≥
   *     sqrt(1 − e^−ε_RDP) already holds gives ε = 0, and ε is clamped to ≥ 0; without them the
   *     plain formula at every order (Opacus' {@code get_privacy_spent})
   */
  static PrivacySpent epsilon(double[] orders, double[] rdp, double delta, boolean withExtras) {
    if (delta == 0) {
      boolean allZero = true;
      for (double r : rdp) {
        allZero &= r == 0;
      }
      return new PrivacySpent(allZero ? 0 : Double.POSITIVE_INFINITY, 0, Double.NaN, false);
    }
    int best = -1;
    double bestEpsilon = Double.POSITIVE_INFINITY;
    for (int k = 0; k < orders.length; k++) {
      double epsilon = epsilonAtOrder(orders[k], rdp[k], delta, withExtras);
      // Strict, so ties keep the first (smallest) order; NaN never wins.
      if (epsilon < bestEpsilon) {
        bestEpsilon = epsilon;
        best = k;
      }
    }
    if (best < 0) {
      return new PrivacySpent(Double.POSITIVE_INFINITY, delta, Double.NaN, false);
    }
    return new PrivacySpent(
        withExtras ? Math.max(0, bestEpsilon) : bestEpsilon,
        delta,
        orders[best],
        best == 0 || best == orders.length - 1);
  }

  private static double epsilonAtOrder(double order, double rdp, double delta, boolean withExtras) {
    if (Double.isInfinite(rdp)) {
      return Double.POSITIVE_INFINITY;
    }
    if (withExtras) {
      if (delta * delta + Math.expm1(-rdp) > 0) {
        return 0; // the KL bound δ ≤ sqrt(1 − e^−KL) already gives ε = 0
      }
      if (order <= MIN_STABLE_ORDER) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return rdp + Math.log1p(-1 / order) - (Math.log(delta) + Math.log(order)) / (order - 1);
  }

  /**
   * The smallest δ over the orders for {@code epsilon}: log δ_α = min(½ log(1 − e^−ε_RDP),
   * (α−1)(ε_RDP − ε + log(1 − 1/α)) − log α), the second term only for α &gt; 1.01; δ = min(1,
   * e^min).
   */
  static PrivacySpent delta(double[] orders, double[] rdp, double epsilon) {
    int best = -1;
    double bestLogDelta = Double.POSITIVE_INFINITY;
    for (int k = 0; k < orders.length; k++) {
      double order = orders[k];
      double r = rdp[k];
      double logDelta = r == 0 ? Double.NEGATIVE_INFINITY : 0.5 * Math.log1p(-Math.exp(-r));
      if (order > MIN_STABLE_ORDER) {
        logDelta =
            Math.min(
                logDelta, (order - 1) * (r - epsilon + Math.log1p(-1 / order)) - Math.log(order));
      }
      if (logDelta < bestLogDelta) {
        bestLogDelta = logDelta;
        best = k;
      }
    }
    if (best < 0) {
      return new PrivacySpent(epsilon, 1, Double.NaN, false);
    }
    return new PrivacySpent(
        epsilon,
        Math.min(1, Math.exp(bestLogDelta)),
        orders[best],
        best == 0 || best == orders.length - 1);
  }
}
