package io.github.syntheticpatients.runtime.fit.copula;

import java.util.Arrays;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Correlations on the copula's latent normal scale where one side is discrete. The copula samples a
 * category by cutting its normal score at the category thresholds, so the correlation it needs is
 * that of the uncut scores: the polyserial correlation (continuous × discrete) and the polychoric
 * one (discrete × discrete; tetrachoric for two binaries). Pearson's correlation of category scores
 * instead underestimates it: a binary's point-biserial correlation is at most about 0.8 of the
 * latent one.
 *
 * <p>Both take the thresholds as given (the copula's own, from the category shares), the usual
 * two-step estimates. Category codes are 0 .. K−1 in the copula's order, −1 where missing; only
 * rows where both sides are present count.
 */
final class LatentCorrelation {
  /** Estimates are kept inside ±0.995; the fitter's shrinkage makes the matrix definite. */
  static final double LIMIT = 0.995;

  private static final double SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

  private LatentCorrelation() {}

  /**
   * The polyserial correlation by Olsson, Drasgow and Dorans' two-step "ad hoc" estimator
   * (Psychometrika 47, 1982): ρ = r · s / Σ φ(τ), where r is Pearson's correlation of the scores
   * with the category codes, s the codes' standard deviation and τ the inner thresholds. Under the
   * model cov(X, code) = ρ Σ φ(τ) for a standard normal X.
   *
   * @param scores a continuous column's normal scores, NaN where missing
   * @param codes the discrete column's category codes, −1 where missing
   * @param thresholds its K − 1 inner thresholds on the normal scale, ascending
   * @return the estimate, or NaN when fewer than 3 rows have both or either side is constant there
   */
  static double polyserial(double[] scores, int[] codes, double[] thresholds) {
    int n = 0;
    double sumX = 0;
    double sumY = 0;
    for (int r = 0; r < scores.length; r++) {
      if (!Double.isNaN(scores[r]) && codes[r] >= 0) {
        n++;
        sumX += scores[r];
        sumY += codes[r];
      }
    }
    if (n < 3) {
      return Double.NaN;
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int r = 0; r < scores.length; r++) {
      if (!Double.isNaN(scores[r]) && codes[r] >= 0) {
        double dx = scores[r] - meanX;
        double dy = codes[r] - meanY;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
    }
    double densities = 0;
    for (double t : thresholds) {
      densities += StrictMath.exp(-t * t / 2) / SQRT_TWO_PI;
    }
    if (!(sxx > 0 && syy > 0 && densities > 0)) {
      return Double.NaN;
    }
    double r = sxy / Math.sqrt(sxx * syy);
    return clamp(r * Math.sqrt(syy / n) / densities);
  }

  /**
   * The polychoric correlation: the ρ that maximises the likelihood of the two columns' table of
   * counts under a bivariate normal cut at the given thresholds (Olsson, Psychometrika 44, 1979;
   * the two-step estimate), by Brent's search on [−{@link #LIMIT}, {@link #LIMIT}].
   *
   * @return the estimate, or NaN when fewer than 3 rows have both or either side is constant there
   */
  static double polychoric(int[] a, double[] thresholdsA, int[] b, double[] thresholdsB) {
    int rowsA = thresholdsA.length + 1;
    int rowsB = thresholdsB.length + 1;
    double[][] counts = new double[rowsA][rowsB];
    int n = 0;
    for (int r = 0; r < a.length; r++) {
      if (a[r] >= 0 && b[r] >= 0) {
        counts[a[r]][b[r]]++;
        n++;
      }
    }
    if (n < 3 || occupied(counts, true) < 2 || occupied(counts, false) < 2) {
      return Double.NaN;
    }
    double[] cutsA = cuts(thresholdsA);
    double[] cutsB = cuts(thresholdsB);
    UnivariateObjectiveFunction logLikelihood =
        new UnivariateObjectiveFunction(rho -> logLikelihood(counts, cutsA, cutsB, rho));
    double rho =
        new BrentOptimizer(1e-10, 1e-12)
            .optimize(
                new MaxEval(500),
                logLikelihood,
                GoalType.MAXIMIZE,
                new SearchInterval(-LIMIT, LIMIT, 0))
            .getPoint();
    return clamp(rho);
  }

  private static double logLikelihood(
      double[][] counts, double[] cutsA, double[] cutsB, double rho) {
    // Only the grid points at the corners of occupied cells are computed: a code column with
    // hundreds of categories meets few of its pairs' cells.
    double[][] cdf = new double[cutsA.length][cutsB.length];
    for (double[] row : cdf) {
      Arrays.fill(row, Double.NaN);
    }
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts[i].length; j++) {
        if (counts[i][j] > 0) {
          double p =
              cdf(cdf, cutsA, cutsB, i + 1, j + 1, rho)
                  - cdf(cdf, cutsA, cutsB, i, j + 1, rho)
                  - cdf(cdf, cutsA, cutsB, i + 1, j, rho)
                  + cdf(cdf, cutsA, cutsB, i, j, rho);
          sum += counts[i][j] * StrictMath.log(Math.max(p, Double.MIN_NORMAL));
        }
      }
    }
    return sum;
  }

  private static double cdf(
      double[][] cdf, double[] cutsA, double[] cutsB, int i, int j, double rho) {
    if (Double.isNaN(cdf[i][j])) {
      cdf[i][j] = BivariateNormal.cdf(cutsA[i], cutsB[j], rho);
    }
    return cdf[i][j];
  }

  /** −∞, the thresholds, +∞. */
  private static double[] cuts(double[] thresholds) {
    double[] cuts = new double[thresholds.length + 2];
    cuts[0] = Double.NEGATIVE_INFINITY;
    System.arraycopy(thresholds, 0, cuts, 1, thresholds.length);
    cuts[cuts.length - 1] = Double.POSITIVE_INFINITY;
    return cuts;
  }

  /** How many rows (or columns) of the table hold a count. */
  private static int occupied(double[][] counts, boolean rows) {
    int occupied = 0;
    int outer = rows ? counts.length : counts[0].length;
    int inner = rows ? counts[0].length : counts.length;
    for (int i = 0; i < outer; i++) {
      for (int j = 0; j < inner; j++) {
        if ((rows ? counts[i][j] : counts[j][i]) > 0) {
          occupied++;
          break;
        }
      }
    }
    return occupied;
  }

  private static double clamp(double rho) {
    return Math.max(-LIMIT, Math.min(LIMIT, rho));
  }
}
