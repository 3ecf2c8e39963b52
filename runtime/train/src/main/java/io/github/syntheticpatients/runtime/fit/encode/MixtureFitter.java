package io.github.syntheticpatients.runtime.fit.encode;

import io.github.syntheticpatients.runtime.encode.GaussianMixture1d;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Fits a one-dimensional Gaussian mixture by expectation-maximisation.
 *
 * <p>Hand-written because commons-math3's {@code MultivariateNormalMixtureExpectationMaximization}
 * rejects 1-D data (it requires at least two dimensions). CTGAN fits a Bayesian GMM whose Dirichlet
 * prior drives unneeded weights towards zero; pruning components below a weight threshold and
 * refitting has the same effect here.
 */
public final class MixtureFitter {
  /** Most values used for fitting; larger columns are subsampled (seeded). */
  public static final int MAX_FIT_VALUES = 10_000;

  private static final int MAX_ITERATIONS = 100;

  /** Stop when the mean log-likelihood per value improves by less than this. */
  private static final double TOLERANCE = 1e-5;

  /**
   * Variance floor, relative to the data's variance, so a component on a repeated value cannot
   * collapse.
   */
  private static final double VARIANCE_FLOOR = 1e-4;

  private MixtureFitter() {}

  /**
   * Fits a mixture of at most {@code maxModes} components to finite values.
   *
   * @param values the present values (not modified), at least one
   * @param maxModes the most components
   * @param weightThreshold components lighter than this are pruned
   * @param random draws the subsample of large columns
   */
  public static GaussianMixture1d fit(
      double[] values, int maxModes, double weightThreshold, SplittableRandom random) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Cannot fit a mixture to no values");
    }
    double[] x = subsample(values, random);
    Arrays.sort(x);
    int n = x.length;
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    var /= n;
    if (!(var > 0) || x[0] == x[n - 1]) {
      double scale = Math.max(Math.abs(mean), 1.0) * 1e-3;
      return new GaussianMixture1d(new double[] {x[0]}, new double[] {scale}, new double[] {1.0});
    }
    // EM runs on standardised values so epoch seconds and tiny lab values behave alike.
    double sd = Math.sqrt(var);
    double[] mu = initialMeans(x, maxModes);
    for (int c = 0; c < mu.length; c++) {
      mu[c] = (mu[c] - mean) / sd;
    }
    // Health data repeats values (integers, rounded labs): EM over distinct values with counts is
    // exact and
    // much faster than over every row.
    double[] z = new double[n];
    double[] count = new double[n];
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (distinct > 0 && x[i] == x[i - 1]) {
        count[distinct - 1]++;
      } else {
        z[distinct] = (x[i] - mean) / sd;
        count[distinct++] = 1;
      }
    }
    z = Arrays.copyOf(z, distinct);
    count = Arrays.copyOf(count, distinct);
    int k = mu.length;
    double[] s2 = new double[k];
    double[] w = new double[k];
    Arrays.fill(s2, 1.0 / (k * k));
    Arrays.fill(w, 1.0 / k);
    return em(z, count, n, new Mixture(mu, s2, w), weightThreshold).sortedAndScaled(mean, sd);
  }

  private static double[] subsample(double[] values, SplittableRandom random) {
    if (values.length <= MAX_FIT_VALUES) {
      return values.clone();
    }
    // Partial Fisher-Yates: the first MAX_FIT_VALUES positions become a uniform sample without
    // replacement.
    double[] copy = values.clone();
    for (int i = 0; i < MAX_FIT_VALUES; i++) {
      int j = i + random.nextInt(copy.length - i);
      double t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return Arrays.copyOf(copy, MAX_FIT_VALUES);
  }

  /**
   * Quantiles of the sorted values, duplicates removed: few distinct values give few components.
   */
  private static double[] initialMeans(double[] sorted, int maxModes) {
    double[] mu = new double[maxModes];
    int count = 0;
    for (int i = 0; i < maxModes; i++) {
      double q = sorted[(int) ((i + 0.5) / maxModes * sorted.length)];
      if (count == 0 || q != mu[count - 1]) {
        mu[count++] = q;
      }
    }
    return Arrays.copyOf(mu, count);
  }

  /**
   * EM over distinct values {@code z} with multiplicities {@code count} (summing to {@code n}).
   * Components whose weight falls below the threshold are dropped as soon as it happens, as a
   * Dirichlet prior would starve them.
   */
  private static Mixture em(double[] z, double[] count, int n, Mixture start, double threshold) {
    int m = z.length;
    Mixture current = start;
    double previous = Double.NEGATIVE_INFINITY;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] mu = current.mu;
      double[] s2 = current.s2;
      double[] w = current.w;
      int k = mu.length;
      double[] logTerm = new double[k];
      for (int c = 0; c < k; c++) {
        logTerm[c] = Math.log(w[c]) - 0.5 * Math.log(s2[c]);
      }
      double[] nk = new double[k];
      double[] sx = new double[k];
      double[] sxx = new double[k];
      double[] resp = new double[k];
      double logLikelihood = 0;
      for (int i = 0; i < m; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double d = z[i] - mu[c];
          double lp = logTerm[c] - 0.5 * d * d / s2[c];
          resp[c] = lp;
          if (lp > max) {
            max = lp;
          }
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          double e = Math.exp(resp[c] - max);
          resp[c] = e;
          sum += e;
        }
        double scale = count[i] / sum;
        for (int c = 0; c < k; c++) {
          double r = resp[c] * scale;
          nk[c] += r;
          sx[c] += r * z[i];
          sxx[c] += r * z[i] * z[i];
        }
        logLikelihood += count[i] * (max + Math.log(sum));
      }
      logLikelihood /= n;
      double[] newMu = new double[k];
      double[] newS2 = new double[k];
      double[] newW = new double[k];
      for (int c = 0; c < k; c++) {
        newW[c] = nk[c] / n;
        if (nk[c] > 0) {
          newMu[c] = sx[c] / nk[c];
          // Standardised data keeps E[z^2] - mean^2 well conditioned.
          newS2[c] = Math.max(sxx[c] / nk[c] - newMu[c] * newMu[c], VARIANCE_FLOOR);
        } else {
          newMu[c] = mu[c];
          newS2[c] = s2[c];
        }
      }
      Mixture next = new Mixture(newMu, newS2, newW).prune(threshold);
      boolean pruned = next.mu.length != k;
      current = next;
      if (!pruned && logLikelihood - previous < TOLERANCE) {
        break;
      }
      previous = pruned ? Double.NEGATIVE_INFINITY : logLikelihood;
    }
    return current;
  }

  /** Mixture parameters on the standardised scale while fitting. */
  private record Mixture(double[] mu, double[] s2, double[] w) {
    /**
     * This mixture without components below the threshold (this very object when none is),
     * renormalised.
     */
    Mixture prune(double threshold) {
      int kept = 0;
      int heaviest = 0;
      for (int c = 0; c < w.length; c++) {
        if (w[c] >= threshold) {
          kept++;
        }
        if (w[c] > w[heaviest]) {
          heaviest = c;
        }
      }
      if (kept == w.length) {
        return this;
      }
      if (kept == 0) {
        return new Mixture(
            new double[] {mu[heaviest]}, new double[] {s2[heaviest]}, new double[] {1.0});
      }
      double[] m = new double[kept];
      double[] s = new double[kept];
      double[] p = new double[kept];
      double total = 0;
      int j = 0;
      for (int c = 0; c < w.length; c++) {
        if (w[c] >= threshold) {
          m[j] = mu[c];
          s[j] = s2[c];
          p[j] = w[c];
          total += w[c];
          j++;
        }
      }
      for (int c = 0; c < kept; c++) {
        p[c] /= total;
      }
      return new Mixture(m, s, p);
    }

    /**
     * Back on the data's scale, components ordered by mean so the mode order is stable and
     * readable.
     */
    GaussianMixture1d sortedAndScaled(double mean, double sd) {
      Integer[] order = new Integer[mu.length];
      for (int c = 0; c < order.length; c++) {
        order[c] = c;
      }
      Arrays.sort(order, (a, b) -> Double.compare(mu[a], mu[b]));
      double[] means = new double[mu.length];
      double[] stds = new double[mu.length];
      double[] weights = new double[mu.length];
      for (int c = 0; c < order.length; c++) {
        means[c] = mean + sd * mu[order[c]];
        stds[c] = sd * Math.sqrt(s2[order[c]]);
        weights[c] = w[order[c]];
      }
      return new GaussianMixture1d(means, stds, weights);
    }
  }
}
