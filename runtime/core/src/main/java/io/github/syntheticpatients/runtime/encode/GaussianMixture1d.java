package io.github.syntheticpatients.runtime.encode;

/**
 * A one-dimensional Gaussian mixture: means, standard deviations and weights. {@code
 * runtime.fit.encode.MixtureFitter} fits it by expectation-maximisation.
 */
public final class GaussianMixture1d {
  private final double[] means;
  private final double[] stds;
  private final double[] weights;

  /** Internal: public for runtime/train's fitting. */
  public GaussianMixture1d(double[] means, double[] stds, double[] weights) {
    if (means.length == 0 || means.length != stds.length || means.length != weights.length) {
      throw new IllegalArgumentException(
          "A mixture needs equally many (>0) means, stds and weights");
    }
    for (double s : stds) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("Mixture standard deviations must be positive");
      }
    }
    this.means = means;
    this.stds = stds;
    this.weights = weights;
  }

  int size() {
    return means.length;
  }

  double mean(int k) {
    return means[k];
  }

  double std(int k) {
    return stds[k];
  }

  double weight(int k) {
    return weights[k];
  }

  double[] means() {
    return means.clone();
  }

  double[] stds() {
    return stds.clone();
  }

  double[] weights() {
    return weights.clone();
  }

  /** The component with the largest weight. */
  int heaviest() {
    int best = 0;
    for (int k = 1; k < weights.length; k++) {
      if (weights[k] > weights[best]) {
        best = k;
      }
    }
    return best;
  }
}
