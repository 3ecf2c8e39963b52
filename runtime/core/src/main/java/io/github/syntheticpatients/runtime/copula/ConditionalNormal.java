package io.github.syntheticpatients.runtime.copula;

import io.github.syntheticpatients.runtime.internal.StandardNormal;
import io.github.syntheticpatients.runtime.random.RandomStream;

/**
 * The other dimensions of a standard multivariate normal given one of them: for z ~ N(0, R) and a
 * known z_k, the rest is N(β·z_k, R₋ₖ₋ₖ − β·R_k₋ₖ) with β = R₋ₖₖ / R_kk. Drawing z_k from a
 * truncated normal and the rest from this conditional gives an exact draw of z given that z_k lies
 * in an interval, which is how the copula fixes a category without rejection.
 */
final class ConditionalNormal {
  /**
   * Diagonal loading tried, smallest first, when rounding leaves the conditional covariance
   * singular.
   */
  private static final double[] RIDGES = {0, 1e-12, 1e-10, 1e-8, 1e-6};

  private final int fixed;
  private final double[] beta;
  private final double[][] lower;

  private ConditionalNormal(int fixed, double[] beta, double[][] lower) {
    this.fixed = fixed;
    this.beta = beta;
    this.lower = lower;
  }

  /** The conditional of every dimension but {@code fixed} for correlation {@code r}. */
  static ConditionalNormal given(double[][] r, int fixed) {
    int d = r.length;
    int[] others = new int[d - 1];
    for (int j = 0, o = 0; j < d; j++) {
      if (j != fixed) {
        others[o++] = j;
      }
    }
    double[] beta = new double[d - 1];
    double[][] covariance = new double[d - 1][d - 1];
    for (int a = 0; a < others.length; a++) {
      beta[a] = r[others[a]][fixed] / r[fixed][fixed];
    }
    for (int a = 0; a < others.length; a++) {
      for (int b = 0; b < others.length; b++) {
        covariance[a][b] = r[others[a]][others[b]] - beta[a] * r[fixed][others[b]];
      }
    }
    return new ConditionalNormal(fixed, beta, cholesky(covariance));
  }

  private static double[][] cholesky(double[][] covariance) {
    for (double ridge : RIDGES) {
      double[][] loaded = new double[covariance.length][];
      for (int a = 0; a < covariance.length; a++) {
        loaded[a] = covariance[a].clone();
        loaded[a][a] += ridge;
      }
      var factor = Cholesky.lower(loaded);
      if (factor.isPresent()) {
        return factor.get();
      }
    }
    throw new IllegalStateException("the conditional covariance is not positive definite");
  }

  /**
   * Fills {@code z} with a draw given {@code z[fixed] = value}: standard normals for the other
   * dimensions, one {@link RandomStream#nextDouble()} each, in dimension order.
   */
  void draw(double value, RandomStream random, double[] independent, double[] z) {
    for (int a = 0; a < independent.length; a++) {
      independent[a] = StandardNormal.inverse(random.nextDouble());
    }
    for (int a = 0, j = 0; a < beta.length; a++, j++) {
      if (j == fixed) {
        j++;
      }
      double sum = beta[a] * value;
      double[] l = lower[a];
      for (int b = 0; b <= a; b++) {
        sum += l[b] * independent[b];
      }
      z[j] = sum;
    }
    z[fixed] = value;
  }

  /** The number of independent normals one draw needs. */
  int width() {
    return beta.length;
  }
}
