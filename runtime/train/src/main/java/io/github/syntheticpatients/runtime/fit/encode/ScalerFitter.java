package io.github.syntheticpatients.runtime.fit.encode;

import io.github.syntheticpatients.runtime.encode.BoxCoxScaler;
import io.github.syntheticpatients.runtime.encode.MinMaxScaler;
import io.github.syntheticpatients.runtime.encode.NormalScoreScaler;
import io.github.syntheticpatients.runtime.fit.copula.MarginalFitter;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/** Fits the single-value scalers: min–max, and Box–Cox whose λ maximises the likelihood. */
public final class ScalerFitter {
  private static final double LAMBDA_BOUND = 5.0;

  private ScalerFitter() {}

  /** The observed range of the present values; [0, 0] when there are none. */
  public static MinMaxScaler minMax(double[] present) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : present) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return present.length == 0 ? new MinMaxScaler(0, 0) : new MinMaxScaler(lo, hi);
  }

  /**
   * Health Gym's Box–Cox encoding of the present values.
   *
   * @param random draws the subsample λ is searched on when there are more than {@link
   *     MixtureFitter#MAX_FIT_VALUES} values
   */
  public static BoxCoxScaler boxCox(double[] present, SplittableRandom random) {
    if (present.length == 0) {
      return new BoxCoxScaler(0, 1, new MinMaxScaler(0, 0));
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : present) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    // Box-Cox needs positive data: move the minimum to min(1, range) above zero.
    double shift = lo > 0 ? 0 : -lo + (hi > lo ? Math.min(1.0, hi - lo) : 1.0);
    double[] sample =
        present.length <= MixtureFitter.MAX_FIT_VALUES ? present : sample(present, random);
    double lambda = hi > lo ? maximumLikelihoodLambda(sample, shift) : 1.0;
    double[] transformed =
        new double[] {
          BoxCoxScaler.transform(lo + shift, lambda), BoxCoxScaler.transform(hi + shift, lambda)
        };
    return new BoxCoxScaler(shift, lambda, new MinMaxScaler(transformed[0], transformed[1]));
  }

  /**
   * CopulaGAN's normal scores of the present values, through the same protected quantile function
   * the Gaussian copula fits ({@link MarginalFitter#continuous}).
   */
  public static NormalScoreScaler normalScore(double[] present) {
    double[] sorted = present.clone();
    Arrays.sort(sorted);
    return new NormalScoreScaler(MarginalFitter.continuous(sorted).knots());
  }

  private static double[] sample(double[] values, SplittableRandom random) {
    double[] sample = new double[MixtureFitter.MAX_FIT_VALUES];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = values[random.nextInt(values.length)];
    }
    return sample;
  }

  static double maximumLikelihoodLambda(double[] values, double shift) {
    int n = values.length;
    double sumLog = 0;
    for (double v : values) {
      sumLog += Math.log(v + shift);
    }
    final double logSum = sumLog;
    UnivariateObjectiveFunction likelihood =
        new UnivariateObjectiveFunction(
            lambda -> {
              double mean = 0;
              double sq = 0;
              // Welford's update keeps the variance accurate for large transformed values.
              for (int i = 0; i < n; i++) {
                double y = BoxCoxScaler.transform(values[i] + shift, lambda);
                double d = y - mean;
                mean += d / (i + 1);
                sq += d * (y - mean);
              }
              double variance = sq / n;
              if (!(variance > 0) || !Double.isFinite(variance)) {
                return Double.NEGATIVE_INFINITY;
              }
              return -0.5 * n * Math.log(variance) + (lambda - 1) * logSum;
            });
    BrentOptimizer optimizer = new BrentOptimizer(1e-8, 1e-10);
    return optimizer
        .optimize(
            new MaxEval(200),
            GoalType.MAXIMIZE,
            likelihood,
            new SearchInterval(-LAMBDA_BOUND, LAMBDA_BOUND, 1.0))
        .getPoint();
  }
}
