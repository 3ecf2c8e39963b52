package io.github.syntheticpatients.runtime.copula;

import io.github.syntheticpatients.runtime.internal.StandardNormal;

/**
 * Category probabilities. Each category owns an interval of [0, 1] in category order (as SDV does):
 * the copula's normal score of the column, cut at the {@link #thresholds()}, gives the category. A
 * probability maps back to the category whose interval holds it.
 *
 * <p>Fitting estimates the correlations of that uncut score (polyserial and polychoric estimates in
 * runtime/train), not of a score per category: the middle of the interval, used before, weakened
 * every correlation with a discrete column (a binary outcome's with a numeric column reached about
 * 0.8 of its latent value), and random jitter inside the interval weakens them further.
 */
public final class DiscreteMarginal {
  private final double[] probabilities;
  private final double[] upper;

  /** Internal: public for runtime/train's fitting. */
  public DiscreteMarginal(double[] probabilities) {
    if (probabilities.length == 0) {
      throw new IllegalArgumentException("A discrete marginal needs at least one category");
    }
    double total = 0;
    for (double p : probabilities) {
      if (!(p >= 0)) {
        throw new IllegalArgumentException("Category probabilities must be non-negative");
      }
      total += p;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("Category probabilities must not all be zero");
    }
    this.probabilities = probabilities.clone();
    this.upper = new double[probabilities.length];
    double cumulative = 0;
    for (int i = 0; i < probabilities.length; i++) {
      cumulative += probabilities[i] / total;
      upper[i] = cumulative;
    }
    upper[upper.length - 1] = 1.0;
  }

  double[] probabilities() {
    return probabilities.clone();
  }

  /**
   * The K − 1 inner cuts of the normal score between categories, ascending: category {@code c}
   * holds the scores from cut c − 1 to cut c. Internal: public for runtime/train's fitting, which
   * estimates correlations on this latent scale.
   */
  public double[] thresholds() {
    double[] thresholds = new double[upper.length - 1];
    for (int i = 0; i < thresholds.length; i++) {
      thresholds[i] = StandardNormal.inverse(upper[i]);
    }
    return thresholds;
  }

  /** Where category {@code code}'s interval of [0, 1] starts. */
  double lowerBound(int code) {
    return code == 0 ? 0 : upper[code - 1];
  }

  /** Where category {@code code}'s interval of [0, 1] ends. */
  double upperBound(int code) {
    return upper[code];
  }

  /** The category whose interval holds {@code p}. */
  int category(double p) {
    for (int i = 0; i < upper.length - 1; i++) {
      if (p < upper[i]) {
        return i;
      }
    }
    return upper.length - 1;
  }
}
