package io.github.syntheticpatients.runtime.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Health Gym's numeric encoding: shift the data to be positive, apply a Box-Cox transform whose
 * lambda maximises the likelihood, then scale the transformed observed range onto [-1, 1].
 */
final class BoxCoxScaler implements NumericScaler {
  static final String TYPE = "boxcox";
  private static final double LAMBDA_BOUND = 5.0;

  private final double shift;
  private final double lambda;
  private final MinMaxScaler range;

  BoxCoxScaler(double shift, double lambda, MinMaxScaler range) {
    this.shift = shift;
    this.lambda = lambda;
    this.range = range;
  }

  static BoxCoxScaler fit(double[] present, SplittableRandom random) {
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
        present.length <= GaussianMixture1d.MAX_FIT_VALUES ? present : sample(present, random);
    double lambda = hi > lo ? maximumLikelihoodLambda(sample, shift) : 1.0;
    double[] transformed =
        new double[] {transform(lo + shift, lambda), transform(hi + shift, lambda)};
    return new BoxCoxScaler(shift, lambda, new MinMaxScaler(transformed[0], transformed[1]));
  }

  private static double[] sample(double[] values, SplittableRandom random) {
    double[] sample = new double[GaussianMixture1d.MAX_FIT_VALUES];
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
                double y = transform(values[i] + shift, lambda);
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

  static BoxCoxScaler fromState(Map<String, Object> state, StateMaps read) {
    return new BoxCoxScaler(
        read.number(state, "shift"),
        read.number(state, "lambda"),
        new MinMaxScaler(read.number(state, "min"), read.number(state, "max")));
  }

  static double transform(double positive, double lambda) {
    return Math.abs(lambda) < 1e-12
        ? Math.log(positive)
        : (Math.pow(positive, lambda) - 1.0) / lambda;
  }

  /** Decoding runs when sampling: StrictMath gives the same value on every machine. */
  static double inverse(double transformed, double lambda) {
    if (Math.abs(lambda) < 1e-12) {
      return StrictMath.exp(transformed);
    }
    return StrictMath.pow(Math.max(lambda * transformed + 1.0, 0.0), 1.0 / lambda);
  }

  double lambda() {
    return lambda;
  }

  @Override
  public int modeCount() {
    return 0;
  }

  @Override
  public void encode(
      double value, float[] out, int offset, SplittableRandom random, double[] scratch) {
    // Values below the fitted minimum (new data) stay defined and scale to -1.
    out[offset] =
        (float) range.scale(transform(Math.max(value + shift, Double.MIN_NORMAL), lambda));
  }

  @Override
  public void encodeMissing(float[] out, int offset) {
    out[offset] = 0f;
  }

  @Override
  public double decode(float[] in, int offset) {
    return inverse(range.unscale(in[offset]), lambda) - shift;
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("type", TYPE);
    state.put("shift", StateMaps.finite(shift));
    state.put("lambda", StateMaps.finite(lambda));
    range.putRange(state);
    return state;
  }
}
