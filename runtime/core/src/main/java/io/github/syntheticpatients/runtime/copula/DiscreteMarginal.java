package io.github.syntheticpatients.runtime.copula;

/**
 * Category probabilities. Each category owns an interval of [0, 1] in category order (as SDV does);
 * a value is scored at the middle of its interval, and a probability maps back to the category
 * whose interval holds it.
 *
 * <p>The middle rather than a random point inside the interval: random jitter is independent
 * between columns and so weakens the estimated correlation of columns that move together (pbc's trt
 * and ascites are missing in exactly the same rows; with jitter the copula reproduced half of that,
 * with middles nearly all).
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
   * The normal score of category {@code code}: the middle of its interval, mapped through the
   * normal.
   */
  public double score(int code) {
    return StandardNormal.inverse(0.5 * (lowerBound(code) + upper[code]));
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
